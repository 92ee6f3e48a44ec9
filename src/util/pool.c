/* SPDX-License-Identifier: MIT */
/*
 * pool.c
 *	  Jobs run ahead on worker threads, taken by one consumer in order (see pool.h).
 *
 * One mutex guards everything: 'next' is the next job nobody has claimed, 'taken' how many
 * the consumer has taken, state[j] where job j is. Workers sleep on 'space' while the
 * window is full; the consumer sleeps on 'done' while its job runs elsewhere.
 */
#include "miglint/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "miglint/arena.h"

enum job_state
{
	JOB_WAITING,
	JOB_RUNNING,
	JOB_DONE
};

struct ml_pool
{
	pthread_mutex_t lock;
	pthread_cond_t space; /* a worker may claim another job */
	pthread_cond_t done;  /* a job finished */
	size_t n_jobs;
	size_t window;
	size_t next;
	size_t taken;
	const size_t *weights; /* per job, or NULL */
	size_t budget;		   /* weight of the jobs claimed and not yet taken, at most */
	size_t inflight;
	bool stop;
	unsigned char *state;
	ml_pool_fn fn;
	void *ctx;
	pthread_t *threads;
	unsigned n_threads;
};

/* Claims the next job if the window allows; the lock is held. */
static bool
claim(struct ml_pool *p, size_t *job)
{
	if (p->stop || p->next >= p->n_jobs || p->next >= p->taken + p->window)
		return false;
	/* Over the budget only when something is in flight: the next job always gets its turn. */
	if (p->weights != NULL && p->inflight > 0 && p->inflight + p->weights[p->next] > p->budget)
		return false;
	if (p->weights != NULL)
		p->inflight += p->weights[p->next];
	*job = p->next++;
	p->state[*job] = JOB_RUNNING;
	return true;
}

/* Runs a claimed job with the lock released, and marks it done; the lock is held. */
static void
run(struct ml_pool *p, size_t job)
{
	pthread_mutex_unlock(&p->lock);
	p->fn(p->ctx, job);
	pthread_mutex_lock(&p->lock);
	p->state[job] = JOB_DONE;
	pthread_cond_broadcast(&p->done);
}

static void *
worker(void *arg)
{
	struct ml_pool *p = arg;
	size_t job;

	pthread_mutex_lock(&p->lock);
	for (;;)
	{
		if (claim(p, &job))
			run(p, job);
		else if (p->stop || p->next >= p->n_jobs)
			break;
		else
			pthread_cond_wait(&p->space, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct ml_pool *
ml_pool_start(size_t n_jobs, size_t window, unsigned threads, ml_pool_fn fn, void *ctx,
			  const size_t *weights, size_t budget)
{
	struct ml_pool *p = calloc(1, sizeof(*p));

	if (p == NULL || (p->state = calloc(n_jobs + 1, 1)) == NULL)
		ml_fatal_oom();
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->space, NULL);
	pthread_cond_init(&p->done, NULL);
	p->n_jobs = n_jobs;
	p->window = window > 0 ? window : 1;
	p->fn = fn;
	p->ctx = ctx;
	p->weights = weights;
	p->budget = budget;
	/* More threads than jobs, or than the window lets run at once, would only wait. */
	if (threads > n_jobs)
		threads = (unsigned) n_jobs;
	if (threads > p->window)
		threads = (unsigned) p->window;
	if (threads > 0 && (p->threads = calloc(threads, sizeof(pthread_t))) == NULL)
		ml_fatal_oom();
	for (unsigned i = 0; i < threads; i++)
	{
		/* A thread that cannot start is no error: the consumer does its share. */
		if (pthread_create(&p->threads[p->n_threads], NULL, worker, p) == 0)
			p->n_threads++;
	}
	return p;
}

void
ml_pool_take(struct ml_pool *p, size_t job)
{
	size_t other;

	pthread_mutex_lock(&p->lock);
	while (p->state[job] != JOB_DONE)
	{
		/* 'job' itself when nobody has claimed it, else a later one while it finishes. */
		if (claim(p, &other))
			run(p, other);
		else
			pthread_cond_wait(&p->done, &p->lock);
	}
	p->taken = job + 1;
	if (p->weights != NULL)
		p->inflight -= p->weights[job];
	pthread_cond_broadcast(&p->space);
	pthread_mutex_unlock(&p->lock);
}

void
ml_pool_finish(struct ml_pool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->space);
	pthread_mutex_unlock(&p->lock);
	for (unsigned i = 0; i < p->n_threads; i++)
		pthread_join(p->threads[i], NULL);
	pthread_cond_destroy(&p->space);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p->state);
	free(p);
}

unsigned
ml_pool_threads(unsigned jobs_option)
{
	long cpus;

	if (jobs_option > 0)
		return jobs_option - 1;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		cpus = 1;
	if (cpus > 64)
		cpus = 64;
	return (unsigned) cpus - 1;
}
