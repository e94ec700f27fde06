#include <config.h>

#include "keyseq.h"

#include <curses.h>
#include <stddef.h>

#include "base/trace.h"

struct sequence
{
  const char *text;
  int key;
};

/* xterm's terminfo names the VT220 codes for F5 to F12; PuTTY sends
   these for F1 to F4, Home and End, the Linux console its own for F1 to
   F5, rxvt 7~ and 8~ for Home and End.  ncurses ignores a sequence the
   terminal's entry defines already. */
static const struct sequence sequences[] = {
  { "\033[11~", KEY_F (1) }, { "\033[12~", KEY_F (2) },
  { "\033[13~", KEY_F (3) }, { "\033[14~", KEY_F (4) },
  { "\033[15~", KEY_F (5) }, { "\033[17~", KEY_F (6) },
  { "\033[18~", KEY_F (7) }, { "\033[19~", KEY_F (8) },
  { "\033[20~", KEY_F (9) }, { "\033[21~", KEY_F (10) },
  { "\033[23~", KEY_F (11) }, { "\033[24~", KEY_F (12) },
  { "\033[[A", KEY_F (1) }, { "\033[[B", KEY_F (2) },
  { "\033[[C", KEY_F (3) }, { "\033[[D", KEY_F (4) },
  { "\033[[E", KEY_F (5) },
  { "\033OP", KEY_F (1) }, { "\033OQ", KEY_F (2) },
  { "\033OR", KEY_F (3) }, { "\033OS", KEY_F (4) },
  { "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
  { "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
  { "\033[H", KEY_HOME }, { "\033[F", KEY_END },
  { "\033OH", KEY_HOME }, { "\033OF", KEY_END },
  { "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
  { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
};

void
ui_keyseq_define (void)
{
  for (size_t i = 0; i < sizeof sequences / sizeof *sequences; i++)
    if (key_defined (sequences[i].text) == 0)
      define_key (sequences[i].text, sequences[i].key);
}

static int
next_byte (void)
{
  return getch ();
}

bool
ui_keyseq_skip_unknown (void)
{
  int c = next_byte ();
  if (c == ERR)
    return false;
  if (c != '[' && c != 'O')
    {
      /* Alt and a key: Esc, then the key, as before. */
      ungetch (c);
      return false;
    }
  int skipped = 1;
  if (c == 'O')
    skipped += next_byte () != ERR;
  else
    /* A CSI sequence: parameters and intermediates, then one final
       byte from '@' to '~'; the Linux console's F1 has one more '['. */
    for (int b; (b = next_byte ()) != ERR; skipped++)
      if (b >= '@' && b <= '~' && !(b == '[' && skipped == 1))
        break;
  cw_trace ("key", "unknown escape sequence of %d bytes skipped", skipped);
  return true;
}
