/* Choosing the file to import: a typed path completed with Tab as a
   shell does, or a list of the likely files of a folder to walk
   through.  The names part (forms/file_names.c) needs no terminal. */
#ifndef CERTWIZ_FORMS_FILE_PICKER_H
#define CERTWIZ_FORMS_FILE_PICKER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* Whether NAME looks like a certificate or a backup by its extension
   (.cer .crt .pem .der .p7b .p7c .pfx .p12, any case).  Only the list
   goes by it: an imported file is recognized by its content. */
bool wz_file_likely (const char *name);

/* TYPED with a leading "~/" (or a lone "~") made the home folder's;
   owned by the caller. */
char *wz_expand_path (const char *typed);

/* LABEL (a friendly name or a CN) made a file name that needs no
   quoting in a shell, then EXTENSION: "Contoso mail" and ".pfx" give
   "Contoso_mail.pfx", "*.contoso.com" gives "_.contoso.com.pfx".
   Owned by the caller. */
char *wz_safe_file_name (const char *label, const char *extension);

struct wz_completion
{
  char *text;              /* TYPED completed as far as the names agree */
  char **matches;          /* the names that fit, sorted; folders end
                              with "/" */
  size_t count;
};

/* Completes the last part of TYPED (after its last "/") against NAMES,
   COUNT of them, DIRS[i] true for a folder: the longest common prefix of
   those that start with it, and "/" after a folder that is the only
   match.  Hidden names fit only a part that starts with "."; "." and
   ".." never do.  With no match, TEXT is TYPED. */
void wz_complete_names (const char *typed, const char *const *names,
                        const bool *dirs, size_t count,
                        struct wz_completion *out);
/* The same against the folder TYPED names (the current one when it has
   no "/"). */
void wz_complete_path (const char *typed, struct wz_completion *out);
void wz_completion_free (struct wz_completion *completion);

struct wz_dir_entry
{
  char *name;              /* ".." for the parent */
  bool dir;
  off_t size;
  time_t mtime;
};

struct wz_folder
{
  char *path;              /* absolute */
  struct wz_dir_entry *items;   /* "..", then folders, then files */
  size_t count;
};

/* Reads the folder PATH: its sub-folders (not hidden), ".." unless it
   is "/", and its files, only the likely ones unless ALL.  Returns 0 or
   the errno that kept it from being read (F is then untouched). */
int wz_folder_read (struct wz_folder *f, const char *path, bool all);
void wz_folder_free (struct wz_folder *f);
/* PATH/NAME, or the parent of PATH for "..": owned by the caller. */
char *wz_folder_join (const char *path, const char *name);

enum wz_pick
{
  WZ_PICK_CHOSEN,
  WZ_PICK_BACK,
  WZ_PICK_QUIT
};

/* The full-screen list of a folder: START's when START names a folder
   or a file in one, else the current folder.  On WZ_PICK_CHOSEN,
   *CHOSEN is the file's path (owned by the caller). */
enum wz_pick wz_pick_file (const char *start, char **chosen);

#endif
