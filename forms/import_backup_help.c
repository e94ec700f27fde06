#include <config.h>

#include "import_backup_help.h"

#include "base/i18n.h"

struct help
{
  const char *title;
  const char *text;
};

/* Marked with N_() and translated when returned, since a static table
   cannot call gettext. */
static const struct help topics[WZ_XHELP_COUNT] = {
  [WZ_XHELP_IMPORT_FILE] = {
    N_("Importing a certificate"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Type the path of the file your certificate authority (CA) sent, or\n"
       "press F2 to pick it from a list. Tab completes a name as a shell\n"
       "does; a second Tab lists the names that fit.\n"
       "\n"
       "A CA sends the certificate alone (.cer, .crt, .pem, .der) or with its\n"
       "chain (.p7b, .p7c, a PEM bundle). None of these holds the private key:\n"
       "it was made when you wrote the request and never left this machine.\n"
       "certwiz finds it in its store and installs the certificate onto it.\n"
       "\n"
       "So import the answer on the machine, and into the store, where the\n"
       "request was made. Anywhere else the key is missing and nothing is\n"
       "installed: a certificate without its key looks fine in a list, but a\n"
       "server cannot use it.\n"
       "\n"
       "A backup (.pfx or .p12) holds the key as well, under a password:\n"
       "importing it restores the certificate on any machine, for example a\n"
       "rebuilt server.\n"
       "\n"
       "The kind of file is recognized by its content, not by its name.")
  },
  [WZ_XHELP_FILE_LIST] = {
    N_("Choosing a file"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The list shows the folders and the files that look like certificates\n"
       "or backups by their names: .cer, .crt, .pem, .der, .p7b, .p7c, .pfx\n"
       "and .p12. Press a to see every file, for example an answer saved as\n"
       ".txt: certwiz recognizes a file by its content.\n"
       "\n"
       "Enter opens a folder or chooses a file. Backspace goes up to the\n"
       "parent folder, as the \"..\" line does. Esc goes back to the path\n"
       "without choosing.")
  },
  [WZ_XHELP_IMPORT_PASSWORD] = {
    N_("The backup's password"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("A backup (.pfx or .p12) keeps the private key encrypted with the\n"
       "password chosen when the backup was made. Type that password;\n"
       "capitals count. It is not shown, not saved and not kept once the\n"
       "backup is opened.\n"
       "\n"
       "If it is wrong, certwiz says so and you can type it again. Nothing is\n"
       "installed until the backup opens.")
  },
  [WZ_XHELP_IMPORT_DONE] = {
    N_("After the import"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The certificate is installed in the store with its private key, so a\n"
       "server on this machine can use it.\n"
       "\n"
       "The chain is the list of certificates the server sends with its own,\n"
       "up to the CA's root: clients need every intermediate certificate to\n"
       "trust yours. certwiz puts them in order, leaves out the root (clients\n"
       "have their own copy) and anything unrelated, and says when one is\n"
       "missing: then ask your CA for the file with the whole chain (often\n"
       "called the \"CA bundle\") and import it too: certwiz completes the\n"
       "chain of the installed certificate and keeps its key.\n"
       "\n"
       "CAs sometimes issue a certificate that differs from the request: a\n"
       "name dropped, a name added, the subject written another way. A\n"
       "dropped name matters: clients that use it will be refused.\n"
       "\n"
       "Next, back up the certificate with its key (main menu, \"Back up a\n"
       "certificate\") and keep the file somewhere safe, away from this\n"
       "server.")
  },
  [WZ_XHELP_KEY_NOT_HERE] = {
    N_("The private key is not here"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Every certificate belongs to a private key. The key is made when the\n"
       "request is written and stays in certwiz's store on that machine; the\n"
       "CA never sees it, and its answer does not contain it.\n"
       "\n"
       "This answer fits no key kept in this store. Most often the request\n"
       "was made on another server (say the mailbox server, and the answer is\n"
       "now being imported on the Edge server), or with another store.\n"
       "\n"
       "Installing the certificate anyway would not help: it would show in\n"
       "the list, but the server could not use it, and the error would come\n"
       "later, when you enable it. So nothing was installed.\n"
       "\n"
       "What to do: import the file on the machine where the request was\n"
       "made. To use the certificate on several machines, import it there,\n"
       "back it up as a .pfx and restore that backup on the others. If the\n"
       "request was lost, make a new one and ask the CA to issue the\n"
       "certificate again.")
  },
  [WZ_XHELP_IMPORT_REFUSED] = {
    N_("A file that was refused"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The file was refused and nothing was installed: the store is as it\n"
       "was. Each finding says what was wrong and what to do.\n"
       "\n"
       "Common causes: a request (.req, .csr) instead of the CA's answer, a\n"
       "private key alone, a damaged or truncated download, or a certificate\n"
       "that is already installed.\n"
       "\n"
       "Press Esc to choose another file.")
  },
  [WZ_XHELP_BACKUP_CHOOSE] = {
    N_("Which certificate to back up"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Only certificates whose private key is in this store are listed: a\n"
       "backup without the key could not restore a working certificate.\n"
       "\n"
       "A pending request has no certificate yet; import the CA's answer\n"
       "first. A key made non-exportable cannot be backed up at all.")
  },
  [WZ_XHELP_BACKUP_FORM] = {
    N_("The backup file"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The backup is a PKCS#12 file (.pfx): the certificate, its chain and\n"
       "its private key, encrypted with a password. Windows, IIS, Exchange\n"
       "and openssl import it.\n"
       "\n"
       "Profile: modern uses AES-256 and a SHA-256 check; choose it unless\n"
       "the backup goes to Windows Server 2016 or older, which cannot open\n"
       "it. legacy uses 3DES and SHA-1, which every Windows version reads.\n"
       "\n"
       "Password: anyone with the file and the password can use your\n"
       "certificate as your server. Type it twice; it is never shown nor\n"
       "saved. The strength shown is only a hint: length counts most, so a\n"
       "sentence of four or more words is a good password.\n"
       "\n"
       "File: where to write the backup. It is readable by you alone, and an\n"
       "existing file is only replaced after you confirm.")
  },
  [WZ_XHELP_BACKUP_DONE] = {
    N_("After the backup"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("certwiz read the file back from the disk and opened it with the\n"
       "password: it holds the same key as the store, so it will restore.\n"
       "\n"
       "Copy the file off this server, and keep the password somewhere else:\n"
       "a backup kept only on the server is lost with it.\n"
       "\n"
       "To restore, on this server or a new one: main menu, \"Import the CA's\n"
       "answer\", choose the .pfx file and type the password; or run\n"
       "certwiz import FILE.")
  },
  [WZ_XHELP_SEND_FORM] = {
    N_("Sending the request to a CA"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("A CA that speaks ACME (Let's Encrypt, or one of your own) issues the\n"
       "certificate at once, once it has checked that the names are yours.\n"
       "Only the request goes to the CA: the private key stays in the store.\n"
       "\n"
       "Account: certwiz talks to a CA as an account, made once per CA and\n"
       "kept in the store. Choose one with Left and Right, or \"a new\n"
       "account\": then type the CA (letsencrypt, letsencrypt-staging to try\n"
       "things out, or the URL of its ACME directory) and an e-mail address\n"
       "for its notices. When the CA has terms of service, certwiz shows\n"
       "where they are and asks whether you agree before it goes on. A CA\n"
       "that wants external account binding gives you a key ID and an HMAC\n"
       "key: certwiz asks for them when the CA says so. When a token is\n"
       "present, a new account's key can be made on it; its PIN is not shown.\n"
       "\n"
       "Check: how the CA sees that the names are yours.\n"
       "- Files: the CA fetches a file from http://NAME/.well-known/acme-\n"
       "  challenge/ on port 80, which certwiz puts in the folder your web\n"
       "  server serves the names from (found from their nginx site).\n"
       "- Port: certwiz answers on the port itself (nothing else may listen).\n"
       "- DNS: you create a TXT record for each name at your DNS provider;\n"
       "  certwiz shows them, checks that they are served, then tells the CA.\n"
       "  This is the way for a wildcard name.\n"
       "\n"
       "The same from the command line: certwiz enroll ID with --webroot DIR,\n"
       "--standalone, or --challenge dns-01 --manual.")
  },
  [WZ_XHELP_SEND_DONE] = {
    N_("After the CA's answer"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The certificate is installed on the key kept in the store, with its\n"
       "chain, as an import of the CA's answer would.\n"
       "\n"
       "certwiz renew renews it before it expires, at the time the CA\n"
       "suggests when it does, with the same account and the same check. The\n"
       "timer certwiz-renew.timer runs it twice a day; without systemd, a\n"
       "cron line does (see the manual).\n"
       "\n"
       "To have a mail or web server serve it: certwiz enable ID --service\n"
       "NAME, which tests the server's configuration, reloads it and proves\n"
       "with a handshake that the certificate is served.")
  },
  [WZ_XHELP_DNS_WAIT] = {
    N_("Waiting for the DNS records"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The CA looks up a TXT record under each name: create each one\n"
       "shown, with its name and value, in the zone of the name (at your DNS\n"
       "provider, or in the zone file of your own DNS server).\n"
       "\n"
       "certwiz asks the zone's own servers every 30 seconds, and r asks\n"
       "them now. Once every one of them answers every record, certwiz\n"
       "tells the CA to check, and the certificate follows.\n"
       "\n"
       "Esc stops waiting. The request and its key stay in the store, and\n"
       "the CA keeps the order open for a while: sending the request again\n"
       "with a DNS record takes it up where it stopped. The same from the\n"
       "command line: certwiz enroll ID --challenge dns-01 --manual.")
  },
};

static const struct help *
topic_of (enum wz_xhelp topic)
{
  return &topics[(unsigned) topic < WZ_XHELP_COUNT ? topic : 0];
}

const char *
wz_xhelp_title (enum wz_xhelp topic)
{
  return _(topic_of (topic)->title);
}

const char *
wz_xhelp_text (enum wz_xhelp topic)
{
  return _(topic_of (topic)->text);
}
