/* faultshim: an LD_PRELOAD library for certwiz's fault tests.  It wraps
   the calls that change files and counts those that touch the folders
   named in CERTWIZ_FAULT_DIRS; the program itself is not changed.

   CERTWIZ_FAULT_DIRS=DIR[:DIR...]
       only calls on files under these folders count (the store, the
       output folder); libc's and GnuTLS's own files are left alone.  An
       fd is placed by its /proc/self/fd link, a name by its folder.
   CERTWIZ_FAULT_KILL=OP:N[:after]
       SIGKILL at the Nth counted call of OP, before it is made (or just
       after it returned, with ":after").
   CERTWIZ_FAULT_FAIL=OP:N[+]:ERRNO[,OP:N[+]:ERRNO...]
       the Nth counted call of OP (and every later one, with "N+") fails
       with ERRNO (ENOSPC, EIO, EDQUOT, EROFS, EACCES or a number)
       without being made.
   CERTWIZ_FAULT_COUNT=FILE
       at exit, appends "OP COUNT" for each OP called and "total N" to
       FILE ("1": to stderr).
   CERTWIZ_FAULT_TRACE=FILE
       appends "OP N PATH" for every counted call, "KILL ..." or
       "FAIL ..." for an injected fault.
   CERTWIZ_FAULT_PROBE=FILE
       at exit, appends "dumpable N" (prctl PR_GET_DUMPABLE) and
       "core-limit SOFT HARD" (RLIMIT_CORE): what the program set up to
       keep its secrets out of core dumps and debuggers.

   OP is one of write pwrite fsync fdatasync rename renameat renameat2
   link linkat unlink unlinkat mkdir mkdirat open openat, or "any": the
   Nth counted call whatever it is.  open and openat count only with
   O_CREAT. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum op
{
  OP_WRITE, OP_PWRITE, OP_FSYNC, OP_FDATASYNC, OP_RENAME, OP_RENAMEAT,
  OP_RENAMEAT2, OP_LINK, OP_LINKAT, OP_UNLINK, OP_UNLINKAT, OP_MKDIR,
  OP_MKDIRAT, OP_OPEN, OP_OPENAT, OP_COUNT,
  OP_ANY = OP_COUNT
};

static const char *const op_names[OP_COUNT + 1] = {
  "write", "pwrite", "fsync", "fdatasync", "rename", "renameat",
  "renameat2", "link", "linkat", "unlink", "unlinkat", "mkdir", "mkdirat",
  "open", "openat", "any"
};

struct rule
{
  int op;                       /* -1: none */
  unsigned long n;
  bool onwards;                 /* N and every later call */
  bool after;                   /* kill once the call returned */
  int err;
};

#define MAX_DIRS 8
#define MAX_FAILS 8

static unsigned long counts[OP_COUNT + 1];
static char dirs[MAX_DIRS][PATH_MAX];
static size_t dir_count;
static struct rule kill_rule = { -1, 0, false, false, 0 };
static struct rule fail_rules[MAX_FAILS];
static size_t fail_count;
static const char *count_file;
static int trace_fd = -1;
static int ready;
static __thread int inside;     /* the shim's own calls are not counted */

/* ------------------------------------------------------------ set-up */

static int
op_of (const char *name, size_t len)
{
  for (int i = 0; i <= OP_COUNT; i++)
    if (strlen (op_names[i]) == len && strncmp (op_names[i], name, len) == 0)
      return i;
  return -1;
}

static int
errno_of (const char *name)
{
  static const struct { const char *name; int value; } known[] = {
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EDQUOT", EDQUOT },
    { "EROFS", EROFS }, { "EACCES", EACCES }, { "EPERM", EPERM },
    { "EINTR", EINTR }, { "ENOMEM", ENOMEM },
  };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    if (strcmp (known[i].name, name) == 0)
      return known[i].value;
  int value = atoi (name);
  return value > 0 ? value : EIO;
}

static void
complain (const char *what, const char *text)
{
  char line[512];
  int n = snprintf (line, sizeof line, "faultshim: bad %s \"%s\"\n", what,
                    text);
  if (n > 0)
    {
      ssize_t ignored = syscall (SYS_write, 2, line,
                                 (size_t) n < sizeof line ? (size_t) n
                                                          : sizeof line - 1);
      (void) ignored;
    }
  _exit (125);
}

/* "OP:N[+][:WORD]" into RULE; WORD is returned (or NULL). */
static const char *
parse_rule (const char *what, const char *text, struct rule *rule,
            char *word, size_t word_size)
{
  const char *colon = strchr (text, ':');
  if (!colon)
    complain (what, text);
  rule->op = op_of (text, (size_t) (colon - text));
  if (rule->op < 0)
    complain (what, text);
  char *end;
  rule->n = strtoul (colon + 1, &end, 10);
  if (rule->n == 0)
    complain (what, text);
  rule->onwards = *end == '+';
  if (rule->onwards)
    end++;
  if (*end == '\0' || *end == ',')
    return NULL;
  if (*end != ':')
    complain (what, text);
  size_t len = strcspn (end + 1, ",");
  if (len >= word_size)
    complain (what, text);
  memcpy (word, end + 1, len);
  word[len] = '\0';
  return word;
}

static void
parse_dirs (const char *list)
{
  while (list && *list && dir_count < MAX_DIRS)
    {
      size_t len = strcspn (list, ":");
      char raw[PATH_MAX];
      if (len > 0 && len < sizeof raw)
        {
          memcpy (raw, list, len);
          raw[len] = '\0';
          /* /proc/self/fd shows resolved paths. */
          if (!realpath (raw, dirs[dir_count]))
            snprintf (dirs[dir_count], PATH_MAX, "%s", raw);
          size_t l = strlen (dirs[dir_count]);
          while (l > 1 && dirs[dir_count][l - 1] == '/')
            dirs[dir_count][--l] = '\0';
          dir_count++;
        }
      list += len;
      if (*list == ':')
        list++;
    }
}

static void
set_up (void)
{
  if (ready)
    return;
  ready = 1;
  inside++;
  parse_dirs (getenv ("CERTWIZ_FAULT_DIRS"));
  char word[64];
  const char *kill_spec = getenv ("CERTWIZ_FAULT_KILL");
  if (kill_spec && *kill_spec)
    {
      const char *w = parse_rule ("CERTWIZ_FAULT_KILL", kill_spec,
                                  &kill_rule, word, sizeof word);
      if (w && strcmp (w, "after") != 0)
        complain ("CERTWIZ_FAULT_KILL", kill_spec);
      kill_rule.after = w != NULL;
    }
  const char *fail_spec = getenv ("CERTWIZ_FAULT_FAIL");
  for (const char *p = fail_spec; p && *p && fail_count < MAX_FAILS;)
    {
      struct rule *rule = &fail_rules[fail_count++];
      const char *w = parse_rule ("CERTWIZ_FAULT_FAIL", p, rule, word,
                                  sizeof word);
      if (!w)
        complain ("CERTWIZ_FAULT_FAIL", p);
      rule->err = errno_of (w);
      p += strcspn (p, ",");
      if (*p == ',')
        p++;
    }
  count_file = getenv ("CERTWIZ_FAULT_COUNT");
  const char *trace = getenv ("CERTWIZ_FAULT_TRACE");
  if (trace && *trace)
    trace_fd = (int) syscall (SYS_openat, AT_FDCWD, trace,
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                              0600);
  inside--;
}

__attribute__ ((constructor)) static void
shim_start (void)
{
  set_up ();
}

static void
probe (void)
{
  const char *file = getenv ("CERTWIZ_FAULT_PROBE");
  if (!file || !*file)
    return;
  int fd = (int) syscall (SYS_openat, AT_FDCWD, file,
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  struct rlimit core;
  char line[128];
  if (getrlimit (RLIMIT_CORE, &core) < 0)
    core.rlim_cur = core.rlim_max = (rlim_t) -1;
  int n = snprintf (line, sizeof line, "dumpable %d\ncore-limit %lld %lld\n",
                    prctl (PR_GET_DUMPABLE, 0, 0, 0, 0),
                    core.rlim_cur == RLIM_INFINITY ? -1LL
                                                   : (long long) core.rlim_cur,
                    core.rlim_max == RLIM_INFINITY ? -1LL
                                                   : (long long) core.rlim_max);
  if (n > 0)
    {
      ssize_t ignored = syscall (SYS_write, fd, line, (size_t) n);
      (void) ignored;
    }
  syscall (SYS_close, fd);
}

__attribute__ ((destructor)) static void
shim_end (void)
{
  inside++;
  probe ();
  inside--;
  if (!count_file || !*count_file)
    return;
  inside++;
  int fd = strcmp (count_file, "1") == 0
             ? 2
             : (int) syscall (SYS_openat, AT_FDCWD, count_file,
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                              0600);
  if (fd >= 0)
    {
      char line[64];
      for (int i = 0; i <= OP_COUNT; i++)
        if (counts[i] || i == OP_ANY)
          {
            int n = snprintf (line, sizeof line, "%s %lu\n",
                              i == OP_ANY ? "total" : op_names[i],
                              counts[i]);
            ssize_t ignored = syscall (SYS_write, fd, line, (size_t) n);
            (void) ignored;
          }
      if (fd != 2)
        syscall (SYS_close, fd);
    }
  inside--;
}

/* ------------------------------------------------------------ where */

static bool
fd_path (int fd, char *out, size_t size)
{
  char link[64];
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (link, out, size - 1);
  if (n < 0)
    return false;
  out[n] = '\0';
  return true;
}

static bool
name_path (int dirfd, const char *name, char *out, size_t size)
{
  if (!name)
    return false;
  if (name[0] == '/')
    {
      snprintf (out, size, "%s", name);
      return true;
    }
  char base[PATH_MAX];
  if (dirfd == AT_FDCWD ? !getcwd (base, sizeof base)
                        : !fd_path (dirfd, base, sizeof base))
    return false;
  int n = snprintf (out, size, "%s/%s", base, name);
  return n > 0 && (size_t) n < size;
}

static bool
watched (const char *path)
{
  for (size_t i = 0; i < dir_count; i++)
    {
      size_t len = strlen (dirs[i]);
      if (strncmp (path, dirs[i], len) == 0
          && (path[len] == '\0' || path[len] == '/'))
        return true;
    }
  return false;
}

static void
trace (const char *what, int op, unsigned long n, const char *path)
{
  if (trace_fd < 0)
    return;
  char line[PATH_MAX + 128];
  int len = snprintf (line, sizeof line, "%s%s %lu %s\n", what,
                      op_names[op], n, path);
  if (len > 0)
    {
      ssize_t ignored = syscall (SYS_write, trace_fd, line,
                                 (size_t) len < sizeof line
                                   ? (size_t) len : sizeof line - 1);
      (void) ignored;
    }
}

static bool
rule_hits (const struct rule *rule, int op, unsigned long n,
           unsigned long any)
{
  unsigned long at = rule->op == OP_ANY ? any : n;
  if (rule->op != OP_ANY && rule->op != op)
    return false;
  return rule->onwards ? at >= rule->n : at == rule->n;
}

/* What a counted call must do. */
enum verdict
{
  GO,
  GO_THEN_KILL,
  FAIL
};

static void
die (void)
{
  kill (getpid (), SIGKILL);
  for (;;)
    pause ();
}

/* Counts the call of OP on PATH (when watched) and says what to do; on
   FAIL, *ERR is the errno to return. */
static enum verdict
decide (int op, const char *path, int *err)
{
  set_up ();
  if (inside || !path || !watched (path))
    return GO;
  inside++;
  unsigned long n = __atomic_add_fetch (&counts[op], 1, __ATOMIC_SEQ_CST);
  unsigned long any = __atomic_add_fetch (&counts[OP_ANY], 1,
                                          __ATOMIC_SEQ_CST);
  trace ("", op, n, path);
  enum verdict verdict = GO;
  if (kill_rule.op >= 0 && rule_hits (&kill_rule, op, n, any))
    {
      trace (kill_rule.after ? "KILL-AFTER " : "KILL ", op, n, path);
      if (!kill_rule.after)
        die ();
      verdict = GO_THEN_KILL;
    }
  for (size_t i = 0; verdict == GO && i < fail_count; i++)
    if (rule_hits (&fail_rules[i], op, n, any))
      {
        trace ("FAIL ", op, n, path);
        *err = fail_rules[i].err;
        verdict = FAIL;
      }
  inside--;
  return verdict;
}

static enum verdict
decide_fd (int op, int fd, int *err)
{
  char path[PATH_MAX];
  if (inside || fd < 0)
    return GO;
  return decide (op, fd_path (fd, path, sizeof path) ? path : NULL, err);
}

static enum verdict
decide_name (int op, int dirfd, const char *name, int *err)
{
  char path[PATH_MAX];
  if (inside)
    return GO;
  return decide (op, name_path (dirfd, name, path, sizeof path) ? path
                                                                 : NULL,
                 err);
}

/* A rename or a link counts when either side is watched. */
static enum verdict
decide_two (int op, int fd1, const char *name1, int fd2, const char *name2,
            int *err)
{
  char path1[PATH_MAX], path2[PATH_MAX];
  if (inside)
    return GO;
  bool have1 = name_path (fd1, name1, path1, sizeof path1);
  bool have2 = name_path (fd2, name2, path2, sizeof path2);
  if (have2 && watched (path2))
    return decide (op, path2, err);
  return decide (op, have1 ? path1 : NULL, err);
}

#define REAL(name) \
  static __typeof__ (name) *real; \
  if (!real) \
    real = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

/* Runs CALL as VERDICT says: not at all (errno ERR), or then kills. */
#define CARRY_OUT(verdict, err, type, call) \
  do \
    { \
      if ((verdict) == FAIL) \
        { \
          errno = (err); \
          return (type) -1; \
        } \
      type result_ = (call); \
      if ((verdict) == GO_THEN_KILL) \
        die (); \
      return result_; \
    } \
  while (0)

/* ------------------------------------------------------------ wrappers */

ssize_t
write (int fd, const void *buf, size_t count)
{
  REAL (write);
  int err = 0;
  enum verdict v = decide_fd (OP_WRITE, fd, &err);
  CARRY_OUT (v, err, ssize_t, real (fd, buf, count));
}

ssize_t
pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  REAL (pwrite);
  int err = 0;
  enum verdict v = decide_fd (OP_PWRITE, fd, &err);
  CARRY_OUT (v, err, ssize_t, real (fd, buf, count, offset));
}

ssize_t
pwrite64 (int fd, const void *buf, size_t count, off64_t offset)
{
  REAL (pwrite64);
  int err = 0;
  enum verdict v = decide_fd (OP_PWRITE, fd, &err);
  CARRY_OUT (v, err, ssize_t, real (fd, buf, count, offset));
}

int
fsync (int fd)
{
  REAL (fsync);
  int err = 0;
  enum verdict v = decide_fd (OP_FSYNC, fd, &err);
  CARRY_OUT (v, err, int, real (fd));
}

int
fdatasync (int fd)
{
  REAL (fdatasync);
  int err = 0;
  enum verdict v = decide_fd (OP_FDATASYNC, fd, &err);
  CARRY_OUT (v, err, int, real (fd));
}

int
rename (const char *from, const char *to)
{
  REAL (rename);
  int err = 0;
  enum verdict v = decide_two (OP_RENAME, AT_FDCWD, from, AT_FDCWD, to,
                               &err);
  CARRY_OUT (v, err, int, real (from, to));
}

int
renameat (int fromfd, const char *from, int tofd, const char *to)
{
  REAL (renameat);
  int err = 0;
  enum verdict v = decide_two (OP_RENAMEAT, fromfd, from, tofd, to, &err);
  CARRY_OUT (v, err, int, real (fromfd, from, tofd, to));
}

static int
renameat2_call (int fromfd, const char *from, int tofd, const char *to,
                unsigned flags)
{
  static int (*real) (int, const char *, int, const char *, unsigned);
  if (!real)
    real = (int (*) (int, const char *, int, const char *, unsigned))
      dlsym (RTLD_NEXT, "renameat2");
  if (real)
    return real (fromfd, from, tofd, to, flags);
  return (int) syscall (SYS_renameat2, fromfd, from, tofd, to, flags);
}

int
renameat2 (int fromfd, const char *from, int tofd, const char *to,
           unsigned flags)
{
  int err = 0;
  enum verdict v = decide_two (OP_RENAMEAT2, fromfd, from, tofd, to, &err);
  CARRY_OUT (v, err, int, renameat2_call (fromfd, from, tofd, to, flags));
}

int
link (const char *from, const char *to)
{
  REAL (link);
  int err = 0;
  enum verdict v = decide_two (OP_LINK, AT_FDCWD, from, AT_FDCWD, to, &err);
  CARRY_OUT (v, err, int, real (from, to));
}

int
linkat (int fromfd, const char *from, int tofd, const char *to, int flags)
{
  REAL (linkat);
  int err = 0;
  enum verdict v = decide_two (OP_LINKAT, fromfd, from, tofd, to, &err);
  CARRY_OUT (v, err, int, real (fromfd, from, tofd, to, flags));
}

int
unlink (const char *name)
{
  REAL (unlink);
  int err = 0;
  enum verdict v = decide_name (OP_UNLINK, AT_FDCWD, name, &err);
  CARRY_OUT (v, err, int, real (name));
}

int
unlinkat (int dirfd, const char *name, int flags)
{
  REAL (unlinkat);
  int err = 0;
  enum verdict v = decide_name (OP_UNLINKAT, dirfd, name, &err);
  CARRY_OUT (v, err, int, real (dirfd, name, flags));
}

int
mkdir (const char *name, mode_t mode)
{
  REAL (mkdir);
  int err = 0;
  enum verdict v = decide_name (OP_MKDIR, AT_FDCWD, name, &err);
  CARRY_OUT (v, err, int, real (name, mode));
}

int
mkdirat (int dirfd, const char *name, mode_t mode)
{
  REAL (mkdirat);
  int err = 0;
  enum verdict v = decide_name (OP_MKDIRAT, dirfd, name, &err);
  CARRY_OUT (v, err, int, real (dirfd, name, mode));
}

/* The open family: only creation counts. */
static mode_t
mode_arg (int flags, va_list ap)
{
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE
           ? (mode_t) va_arg (ap, int) : 0;
}

#define OPEN_WRAPPER(name, op, dirfd_expr, params, args) \
  int name params \
  { \
    REAL (name); \
    va_list ap; \
    va_start (ap, flags); \
    mode_t mode = mode_arg (flags, ap); \
    va_end (ap); \
    int err = 0; \
    enum verdict v = flags & O_CREAT \
                       ? decide_name (op, dirfd_expr, path, &err) : GO; \
    CARRY_OUT (v, err, int, real args); \
  }

OPEN_WRAPPER (open, OP_OPEN, AT_FDCWD,
              (const char *path, int flags, ...), (path, flags, mode))
OPEN_WRAPPER (open64, OP_OPEN, AT_FDCWD,
              (const char *path, int flags, ...), (path, flags, mode))
OPEN_WRAPPER (openat, OP_OPENAT, dirfd,
              (int dirfd, const char *path, int flags, ...),
              (dirfd, path, flags, mode))
OPEN_WRAPPER (openat64, OP_OPENAT, dirfd,
              (int dirfd, const char *path, int flags, ...),
              (dirfd, path, flags, mode))
