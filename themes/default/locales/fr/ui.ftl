# UI strings of onramp's default theme, in French.
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/fr/*.ftl`.
#
# Typography: a no-break space (U+00A0) precedes « : » and a narrow no-break
# space (U+202F) precedes « ! », as French typography requires.

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = Créé avec { $generator }

## Header

skip-to-content = Aller au contenu
# Label of the header's menu of top-level links.
main-menu = Menu principal
# Label of the sidebar (the tree of sections and pages).
site-navigation = Documentation
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = Menu
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = { $count ->
    [one] { $count } autre page
   *[other] { $count } autres pages
}
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = Mode sombre
# Label of the language switcher.
languages = Langues
# Beside a language in the switcher when the page has no translation in it (« la page » : feminine).
untranslated = non traduite

## Search (the search box is filled in by the search script)

search = Rechercher
search-placeholder = Rechercher dans la documentation

## Docs pages

breadcrumbs = Fil d’Ariane
on-this-page = Sur cette page
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
    [one] 1 minute de lecture
   *[other] { $minutes } minutes de lecture
}
# $date: the date of the last change, formatted with date-format.
last-updated = Dernière mise à jour : { $date }
edit-page = Modifier cette page
# Label of the links to the previous and next pages.
page-navigation = Pages précédente et suivante
previous-page = Précédent
next-page = Suivant
copy-code = Copier le code
copied = Copié !

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = Remarque
alert-tip = Astuce
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = Sections
# Heading above the list of a section's pages.
section-pages = Pages

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself, as written in the
# language switcher (« Français », capitalised), hence in parentheses.
not-translated = Cette page n’est pas encore disponible dans votre langue ({ $language }).
help-translate = Aidez-nous à la traduire
outdated-translation = La page originale a été modifiée depuis la réalisation de cette traduction.
read-original = Lire la version originale

## Page not found

page-not-found-title = Page introuvable
page-not-found-text = La page que vous recherchez n’existe pas. Elle a peut-être été déplacée, ou l’adresse contient une faute de frappe.
back-home = Retour à la page d’accueil

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
# French writes month names in lowercase: « 5 novembre 2024 ».
date-format = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = Fermer
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = Parcours : { $path } — étape { $current } sur { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = anglais
language-name-fr = français
language-name-de = allemand
language-name-es = espagnol
language-name-ja = japonais
language-name-zh-CN = chinois (simplifié)
language-name-ar = arabe

## Vidéos intégrées (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = Lire la vidéo
# $site: YouTube, Vimeo or PeerTube.
video-watch = Voir sur { $site }
video-privacy = La lecture charge le lecteur depuis le site de la vidéo.
video-file = Télécharger la vidéo
video-transcript = Transcription
