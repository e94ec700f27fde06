/* The F1 help viewer. */
#ifndef CERTWIZ_UI_HELP_H
#define CERTWIZ_UI_HELP_H

/* Full screen and scrollable: TITLE in the top bar, TEXT wrapped to the
   screen width (paragraphs separated by blank lines), the keys in the
   bottom bar.  Esc, F1, q or Enter closes it and redraws the screen
   below; a resize redraws it. */
void ui_help (const char *title, const char *text);

#endif
