/* SPDX-License-Identifier: MIT */
/*
 * harness.c
 *	  Running the miglint binary for tests, with its output captured.
 */
#include "harness.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *
test_env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL)
	{
		fprintf(stderr, "environment variable %s is not set (run the tests with meson test)\n",
				name);
		abort();
	}
	return v;
}

char *
path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t got;

		if (cap - n < 65536)
		{
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

bool
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (f == NULL)
		return false;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Appends what is readable on fd to *buf; false at end of file. */
static bool
drain(int fd, char **buf, size_t *len, size_t *cap)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0)
		return false;
	if (*len + (size_t) n + 1 > *cap)
	{
		while (*len + (size_t) n + 1 > *cap)
			*cap = *cap ? *cap * 2 : 65536;
		*buf = realloc(*buf, *cap);
	}
	memcpy(*buf + *len, chunk, (size_t) n);
	*len += (size_t) n;
	return true;
}

void
run_miglint(struct run_result *res, const char *cwd, const char *const *argv, const char *input,
			size_t input_len, int as_uid)
{
	const char *bin = test_env("MIGLINT_BIN");
	int out_pipe[2], err_pipe[2], in_pipe[2];
	size_t out_cap = 0, err_cap = 0, written = 0;
	bool out_open = true, err_open = true;
	pid_t pid;
	int wstatus;

	memset(res, 0, sizeof(*res));
	signal(SIGPIPE, SIG_IGN);
	if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0 || pipe(in_pipe) != 0)
		abort();
	pid = fork();
	if (pid == 0)
	{
		size_t argc = 0;
		const char **args;

		while (argv[argc] != NULL)
			argc++;
		args = calloc(argc + 2, sizeof(char *));
		args[0] = bin;
		for (size_t i = 0; i < argc; i++)
			args[i + 1] = argv[i];
		dup2(in_pipe[0], 0);
		dup2(out_pipe[1], 1);
		dup2(err_pipe[1], 2);
		close(in_pipe[0]);
		close(in_pipe[1]);
		close(out_pipe[0]);
		close(out_pipe[1]);
		close(err_pipe[0]);
		close(err_pipe[1]);
		if (cwd != NULL && chdir(cwd) != 0)
			_exit(126);
		if (as_uid >= 0 && (setgid((gid_t) as_uid) != 0 || setuid((uid_t) as_uid) != 0))
			_exit(126);
		execv(bin, (char *const *) args);
		_exit(127);
	}
	close(in_pipe[0]);
	close(out_pipe[1]);
	close(err_pipe[1]);
	if (input == NULL || input_len == 0)
	{
		close(in_pipe[1]);
		in_pipe[1] = -1;
	}
	else
		fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
	while (out_open || err_open)
	{
		struct pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0},
								{in_pipe[1], POLLOUT, 0}};

		if (!out_open)
			fds[0].fd = -1;
		if (!err_open)
			fds[1].fd = -1;
		if (poll(fds, 3, -1) < 0)
		{
			if (errno == EINTR)
				continue;
			abort();
		}
		if (fds[0].revents)
			out_open = drain(out_pipe[0], &res->out, &res->out_len, &out_cap);
		if (fds[1].revents)
			err_open = drain(err_pipe[0], &res->err, &res->err_len, &err_cap);
		if (in_pipe[1] >= 0 && fds[2].revents)
		{
			ssize_t n = write(in_pipe[1], input + written, input_len - written);

			if (n > 0)
				written += (size_t) n;
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				written = input_len;
			if (written >= input_len)
			{
				close(in_pipe[1]);
				in_pipe[1] = -1;
			}
		}
	}
	if (in_pipe[1] >= 0)
		close(in_pipe[1]);
	close(out_pipe[0]);
	close(err_pipe[0]);
	waitpid(pid, &wstatus, 0);
	res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	if (res->out == NULL)
		res->out = calloc(1, 1);
	else
		res->out[res->out_len] = '\0';
	if (res->err == NULL)
		res->err = calloc(1, 1);
	else
		res->err[res->err_len] = '\0';
}

void
run_result_free(struct run_result *res)
{
	free(res->out);
	free(res->err);
	memset(res, 0, sizeof(*res));
}

char *
make_temp_dir(void)
{
	char tmpl[] = "/tmp/miglint-test-XXXXXX";
	char *d = mkdtemp(tmpl);

	if (d == NULL)
		abort();
	return strdup(d);
}

void
remove_tree(const char *path)
{
	pid_t pid = fork();

	if (pid == 0)
	{
		execlp("rm", "rm", "-rf", path, (char *) NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

void
put_in(const char *dir, const char *rel, const char *text)
{
	char *p = path_join(dir, rel);

	ck_assert_msg(write_file(p, text, strlen(text)), "could not write %s", p);
	free(p);
}

void
mkdir_in(const char *dir, const char *rel)
{
	char *p = path_join(dir, rel);

	ck_assert_int_eq(mkdir(p, 0755), 0);
	free(p);
}
