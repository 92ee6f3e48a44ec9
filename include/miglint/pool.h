/* SPDX-License-Identifier: MIT */
/*
 * pool.h
 *	  Jobs run ahead on worker threads, taken by one consumer in order.
 *
 * The lint driver must replay files in order (the catalog is sequential), but reading and
 * parsing a file depends on nothing else: workers do jobs 0..n-1 at most 'window' jobs (and
 * a budget of bytes) ahead of the consumer, so memory stays bounded however many and however
 * big the files are, and the
 * consumer, while it waits for its job, does the next unclaimed one itself. Results are
 * whatever the job function leaves in the caller's per-job slots; the output does not
 * depend on the number of threads.
 */
#ifndef MIGLINT_POOL_H
#define MIGLINT_POOL_H

#include <stddef.h>

struct ml_pool;

/* Does job 'job' (0-based); called on a worker thread or on the consumer's. */
typedef void (*ml_pool_fn)(void *ctx, size_t job);

/*
 * Starts 'threads' workers (0: none, every job runs in ml_pool_take) on jobs 0..n_jobs-1,
 * never more than 'window' jobs ahead of the last job taken, and, when 'weights' (one per
 * job, borrowed) is given, never more than 'budget' of weight claimed and not yet taken
 * (the next job always runs, whatever it weighs).
 */
struct ml_pool *ml_pool_start(size_t n_jobs, size_t window, unsigned threads, ml_pool_fn fn,
							  void *ctx, const size_t *weights, size_t budget);

/* Returns once job 'job' is done; jobs must be taken in order 0, 1, 2, ... */
void ml_pool_take(struct ml_pool *pool, size_t job);

/* Lets the workers finish what they started, joins them and frees the pool. */
void ml_pool_finish(struct ml_pool *pool);

/* Workers to use for 'jobs' (0 asks for one per online CPU, less the consumer). */
unsigned ml_pool_threads(unsigned jobs_option);

#endif
