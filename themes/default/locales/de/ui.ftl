# UI strings of onramp's default theme, in German.
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/de/*.ftl`.
#
# Style: the reader is not addressed directly (no "du"/"Sie"), so a site may
# use either form in its own content.

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = Erstellt mit { $generator }

## Header

skip-to-content = Zum Inhalt springen
# Label of the header's menu of top-level links.
main-menu = Hauptmenü
# Label of the sidebar (the tree of sections and pages).
site-navigation = Dokumentation
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = Menü
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = { $count ->
    [one] 1 weitere Seite
   *[other] { $count } weitere Seiten
}
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = Dunkelmodus
# Label of the language switcher.
languages = Sprachen
# Beside a language in the switcher when the page has no translation in it.
untranslated = nicht übersetzt

## Search (the search box is filled in by the search script)

search = Suchen
search-placeholder = Dokumentation durchsuchen

## Docs pages

breadcrumbs = Brotkrümelnavigation
on-this-page = Auf dieser Seite
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
    [one] 1 Minute Lesezeit
   *[other] { $minutes } Minuten Lesezeit
}
# $date: the date of the last change, formatted with date-format.
last-updated = Zuletzt aktualisiert: { $date }
edit-page = Diese Seite bearbeiten
# Label of the links to the previous and next pages.
page-navigation = Vorherige und nächste Seite
previous-page = Zurück
next-page = Weiter
copy-code = Code kopieren
copied = Kopiert!

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Vorsicht

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = Abschnitte
# Heading above the list of a section's pages.
section-pages = Seiten

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself ("Deutsch").
not-translated = Diese Seite ist noch nicht auf { $language } verfügbar.
help-translate = Bei der Übersetzung helfen
outdated-translation = Die Originalseite wurde geändert, seit diese Übersetzung erstellt wurde.
read-original = Original lesen

## Page not found

page-not-found-title = Seite nicht gefunden
page-not-found-text = Die gesuchte Seite existiert nicht. Möglicherweise wurde sie verschoben oder die Adresse enthält einen Tippfehler.
back-home = Zurück zur Startseite

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
# Example: "5. November 2024".
date-format = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = Schließen
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = Pfad: { $path } – Schritt { $current } von { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = Englisch
language-name-fr = Französisch
language-name-de = Deutsch
language-name-es = Spanisch
language-name-ja = Japanisch
language-name-zh-CN = Chinesisch (vereinfacht)
language-name-ar = Arabisch

## Eingebettete Videos (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = Video abspielen
# $site: YouTube, Vimeo or PeerTube.
video-watch = Auf { $site } ansehen
video-privacy = Beim Abspielen wird der Player von der Website des Videos geladen.
video-file = Video herunterladen
video-transcript = Transkript
