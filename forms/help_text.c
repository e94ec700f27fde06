#include <config.h>

#include "help_text.h"

#include "base/i18n.h"

struct help
{
  const char *title;
  const char *text;
};

/* Facts from the design documents: the RDN table, the SAN rules and the
   Client Access and Edge Transport examples.  Marked with N_() and
   translated when returned, since a static table cannot call gettext. */
static const struct help topics[WZ_HELP_COUNT] = {
  [WZ_HELP_MENU] = {
    N_("The certificate wizard"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("This wizard prepares a certificate "
       "request for a mail or web server, one\n"
       "step at a time: the subject, the names, "
       "the key, a last review, and the\n"
       "request file.\n"
       "\n"
       "Every field is checked as you type, "
       "with the same rules as the certwiz\n"
       "command. An error must be fixed before "
       "you go on; a warning points out a\n"
       "trap that may make a CA refuse the request, and you decide.\n"
       "\n"
       "The private key is made on this machine "
       "and stays in certwiz's store. When\n"
       "the certificate authority (CA) sends "
       "the certificate, import it here, on\n"
       "this machine and into this same store.\n"
       "\n"
       "Your answers are saved as a draft as you go, so a dropped connection\n"
       "loses nothing. The draft never holds a key or a password.")
  },
  [WZ_HELP_STYLE] = {
    N_("Naming style"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The subject names the owner of the "
       "certificate in one of two styles. By\n"
       "convention a subject has a country "
       "(C) or domain components (DC), never\n"
       "both.\n"
       "\n"
       "Country style: C=US, ST=Washington, L=Redmond, O=Contoso Corp,\n"
       "CN=mail1.contoso.com. Use it when your "
       "CA asks for a country; public CAs\n"
       "that check the organization do.\n"
       "\n"
       "DNS style: DC=contoso, DC=com, O=Contoso Corp, CN=mail1.contoso.com.\n"
       "It names the owner by its registered DNS domain, a good choice for a\n"
       "server that sends mail for that domain.\n"
       "\n"
       "Whatever order you fill the fields "
       "in, they are written in this order:\n"
       "C or DC, then ST, L, O, OU and CN last.")
  },
  [WZ_HELP_COUNTRY] = {
    N_("Country (C)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The country where the organization is registered, as its two-letter\n"
       "ISO 3166-1 code: US, GB, DE, ES. Exactly two letters; lower case is\n"
       "written in capitals.\n"
       "\n"
       "These are refused: \"UK\", which ISO reserves (use GB for the United\n"
       "Kingdom); three-letter codes such as "
       "\"USA\"; and the country's name.\n"
       "\n"
       "A subject has a country or domain "
       "components, not both, so this field is\n"
       "only in the country style. Leave it "
       "empty if your CA does not ask for it.")
  },
  [WZ_HELP_DOMAIN] = {
    N_("Domain (DC)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Your organization's registered DNS domain, typed whole: contoso.com.\n"
       "It is written as one domain component per label: DC=contoso, DC=com.\n"
       "\n"
       "Each label holds letters, digits and "
       "hyphens, at most 63 of them, with no\n"
       "hyphen at either end; two dots in a "
       "row leave an empty label, which is\n"
       "refused. All labels together may hold "
       "at most 255 characters. Type an\n"
       "internationalized domain in its ASCII form (xn--...).\n"
       "\n"
       "Domain components take the place of "
       "the country: a subject has one or\n"
       "the other. This style fits a server that sends mail for your domain.")
  },
  [WZ_HELP_STATE] = {
    N_("State or province (ST)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The state, province or region where the organization is registered:\n"
       "Washington. Up to 128 characters, in any language.\n"
       "\n"
       "It is optional. A CA that checks the "
       "organization compares it with the\n"
       "official registration, so spell it out as it is written there rather\n"
       "than abbreviating it. It belongs to the country style.")
  },
  [WZ_HELP_LOCALITY] = {
    N_("Locality (L)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The city or town where the organization "
       "is registered: Redmond. Up to\n"
       "128 characters, in any language.\n"
       "\n"
       "It is optional. A CA that checks the "
       "organization compares it with the\n"
       "official registration, so write it "
       "as it is written there. It belongs\n"
       "to the country style.")
  },
  [WZ_HELP_ORG] = {
    N_("Organization (O)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The legal name of the organization that owns the server's domain:\n"
       "Contoso Corp. Up to 64 characters, in any language.\n"
       "\n"
       "The CA checks that this organization "
       "owns the domain of the common name,\n"
       "usually with the contact listed in "
       "the domain's registration (whois). A\n"
       "request with another organization's "
       "name is refused, even for a test, so\n"
       "check the registration before you send the request.\n"
       "\n"
       "A name longer than 64 characters must "
       "be shortened, for example with the\n"
       "abbreviations the registration itself uses.")
  },
  [WZ_HELP_UNIT] = {
    N_("Organizational unit (OU)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("A department of the organization: IT, or Messaging. Up to 64\n"
       "characters. It is optional, and no TLS client looks at it.\n"
       "\n"
       "Public CAs no longer put an organizational "
       "unit in the certificates they\n"
       "issue; they leave it out or refuse "
       "the request. Leave it empty unless\n"
       "your CA asks for it, for example an internal CA of your company.")
  },
  [WZ_HELP_CN] = {
    N_("Common name (CN)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The server's full host name, as clients connect to it:\n"
       "mail1.contoso.com. Up to 64 characters.\n"
       "\n"
       "A host name may be longer than 64 "
       "characters. Then type a shorter name of\n"
       "the server here, and the long one in "
       "the names step, which takes up to 253.\n"
       "\n"
       "A host name holds only ASCII letters, "
       "digits, hyphens and dots. A common\n"
       "name with other characters is accepted, "
       "but no client takes it for a host\n"
       "name: \"mail.mïcrosoft.com\", with an ï, "
       "looks like one yet matches nothing.\n"
       "An internationalized name goes in its ASCII form (xn--...).\n"
       "\n"
       "The common name is added to the names, "
       "since TLS clients check only those.")
  },
  [WZ_HELP_NAMES] = {
    N_("Names (subject alternative names)"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The host names and IP addresses the "
       "certificate covers. Clients check\n"
       "these names, not the common name, and "
       "accept the certificate when one of\n"
       "them is the name they connected to.\n"
       "\n"
       "A Client Access server needs its full name (owa1.contoso.com), the\n"
       "accepted domains (contoso.com), the Autodiscover name\n"
       "(autodiscover.contoso.com) and any "
       "load-balanced name (owa.contoso.com).\n"
       "An Edge Transport server needs its "
       "public name, as in the Internet DNS,\n"
       "the accepted domains, and the Send "
       "connector's name (mail.contoso.com).\n"
       "\n"
       "A wildcard, *.contoso.com, covers the "
       "names one level below contoso.com,\n"
       "but not contoso.com itself. Public CAs refuse internal names (owa1,\n"
       "mail.contoso.local) and private "
       "addresses (10.0.0.5): only an internal\n"
       "CA of your own can certify them.")
  },
  [WZ_HELP_MAX_SANS] = {
    N_("Limit on names"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The most names your certificate authority "
       "(CA) accepts in one request; 0\n"
       "means no limit. Certificates for several "
       "names (\"Unified Communications\"\n"
       "or multi-domain certificates) are often sold for a fixed number of\n"
       "names, such as 10, and some CAs accept a single one.\n"
       "\n"
       "The common name counts, since it is "
       "added to the names. A request with\n"
       "more names than the limit is refused "
       "here, before the CA turns it down.\n"
       "Find the number in the description of the certificate you buy.")
  },
  [WZ_HELP_KEY] = {
    N_("Key type"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The private key is made on this "
       "machine and stays in certwiz's store,\n"
       "which only you can read. The request "
       "holds only the public key: the CA\n"
       "never sees the private key.\n"
       "\n"
       "RSA 3072 bits is the default and works "
       "with every client. RSA 2048 is the\n"
       "smallest size CAs accept; RSA 4096 is "
       "stronger but slows every handshake.\n"
       "ECDSA P-256 and P-384 keys are small "
       "and fast, but some older mail servers\n"
       "cannot use them.\n"
       "\n"
       "Import the certificate the CA sends on this machine, into this same\n"
       "store: anywhere else there is no key for it, so it cannot be used.")
  },
  [WZ_HELP_EXPORTABLE] = {
    N_("Exportable key"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("An exportable key can be copied, with "
       "its certificate, into a backup file\n"
       "protected by a password (PKCS#12, "
       ".pfx): \"certwiz export\", once the\n"
       "certificate is installed. \"certwiz "
       "import\" restores it on a new server.\n"
       "\n"
       "Make that backup. If this server is lost and its key could not be\n"
       "exported, the certificate is lost too, and you need a new one.\n"
       "Keep the file and its password apart, somewhere safe.\n"
       "\n"
       "Choose a key that is not exportable "
       "only when your rules say that a key\n"
       "must never leave this machine.")
  },
  [WZ_HELP_FRIENDLY] = {
    N_("Friendly name"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("A name for your own use, to tell "
       "certificates apart: Contoso mail 2026.\n"
       "Up to 128 characters; optional.\n"
       "\n"
       "It is not part of the request, so the "
       "CA never sees it. certwiz shows it\n"
       "beside the certificate, and a backup file (.pfx) carries it, where\n"
       "Windows shows it too. A date or a year "
       "helps when a certificate is renewed.")
  },
  [WZ_HELP_TOKEN] = {
    N_("A key on a token"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("A token (a smart card, a USB key, a hardware security module)\n"
       "keeps its keys inside: they sign there and never leave it, so no\n"
       "one can copy them, and there is no backup of them either.\n"
       "\n"
       "Press Space to use a key on the token, then type its PIN: it is\n"
       "not shown, and it is kept only while certwiz runs, never in the\n"
       "saved draft. Choose one of the token's keys, or make a new key\n"
       "there of the type chosen above. The store records which key on\n"
       "which token the request is for.")
  },
  [WZ_HELP_REVIEW] = {
    N_("Review"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Check everything once more before the "
       "key is made: the subject as it will\n"
       "be written, every name (the common "
       "name included) and the key. An error\n"
       "sends you back to the step that has "
       "it; warnings and notes are yours to\n"
       "weigh.\n"
       "\n"
       "Next, certwiz makes the private key, keeps it in its store on this\n"
       "machine, and writes the request. Send "
       "the request file to your CA. When\n"
       "the certificate comes back, import it "
       "with \"certwiz import\" on this same\n"
       "machine and into this same store: the key is here and nowhere else.")
  },
  [WZ_HELP_WRITE] = {
    N_("The request file"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The request file (PKCS#10, .req) holds "
       "the names and the public key, never\n"
       "the private key: you may send it by mail "
       "or paste it in the CA's web form.\n"
       "\n"
       "Type where to write it, for example "
       "mail1.contoso.com.req. When a file\n"
       "of that name exists already, certwiz asks "
       "before replacing it; the command\n"
       "line never replaces one without --force.\n"
       "\n"
       "A self-signed certificate needs no "
       "request: it is installed in the store\n"
       "at once, with its key.")
  },
  [WZ_HELP_DAYS] = {
    N_("Validity in days"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("How many days the self-signed certificate "
       "is valid, from today: 365 by\n"
       "default, as Exchange makes its own. From 1 to 36500.\n"
       "\n"
       "No client trusts a self-signed certificate "
       "until it is installed on that\n"
       "client, so it suits tests, a lab or an internal service. Before it\n"
       "expires, \"certwiz clone\" makes a new "
       "one with the same names and a new\n"
       "key.")
  },
};

static const struct help *
topic_of (enum wz_help topic)
{
  return &topics[(unsigned) topic < WZ_HELP_COUNT ? topic : WZ_HELP_MENU];
}

const char *
wz_help_title (enum wz_help topic)
{
  return _(topic_of (topic)->title);
}

const char *
wz_help_text (enum wz_help topic)
{
  return _(topic_of (topic)->text);
}

enum wz_help
wz_help_for_field (enum wz_field field)
{
  switch (field)
    {
    case WZ_COUNTRY:
      return WZ_HELP_COUNTRY;
    case WZ_DOMAIN:
      return WZ_HELP_DOMAIN;
    case WZ_STATE:
      return WZ_HELP_STATE;
    case WZ_LOCALITY:
      return WZ_HELP_LOCALITY;
    case WZ_ORG:
      return WZ_HELP_ORG;
    case WZ_UNIT:
      return WZ_HELP_UNIT;
    case WZ_COMMON_NAME:
      return WZ_HELP_CN;
    case WZ_FIELD_COUNT:
      break;
    }
  /* Not a field: the help of the subject screen as a whole. */
  return WZ_HELP_STYLE;
}
