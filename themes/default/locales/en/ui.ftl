# UI strings of onramp's default theme, in English (the reference language).
#
# Every string the theme's templates and script show is here. A site
# overrides any of them in its own `locales/<lang>/*.ftl`; a translation of
# the theme copies this file to `locales/<lang>/ui.ftl`.
#
# Variables are given by the templates with t(id="…", name=value).

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = Built with { $generator }

## Header

skip-to-content = Skip to content
# Label of the header's menu of top-level links.
main-menu = Main
# Label of the sidebar (the tree of sections and pages).
site-navigation = Documentation
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = Menu
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = { $count ->
    [one] 1 more page
   *[other] { $count } more pages
}
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = Dark mode
# Label of the language switcher.
languages = Languages
# Beside a language in the switcher when the page has no translation in it.
untranslated = not translated

## Search (the search box is filled in by the search script)

search = Search
search-placeholder = Search the documentation

## Docs pages

breadcrumbs = Breadcrumbs
on-this-page = On this page
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
    [one] 1 minute read
   *[other] { $minutes } minutes read
}
# $date: the date of the last change, formatted with date-format.
last-updated = Last updated: { $date }
edit-page = Edit this page
# Label of the links to the previous and next pages.
page-navigation = Previous and next pages
previous-page = Previous
next-page = Next
copy-code = Copy code
copied = Copied!

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = Sections
# Heading above the list of a section's pages.
section-pages = Pages

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself.
not-translated = This page is not translated into { $language } yet.
help-translate = Help translate it
outdated-translation = The original page has changed since this translation was made.
read-original = Read the original

## Page not found

page-not-found-title = Page not found
page-not-found-text = The page you are looking for does not exist. It may have moved, or the address may be mistyped.
back-home = Back to the home page

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
date-format = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = Close
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = Path: { $path } — step { $current } of { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = English
language-name-fr = French
language-name-de = German
language-name-es = Spanish
language-name-ja = Japanese
language-name-zh-CN = Chinese (Simplified)
language-name-ar = Arabic

## Video embeds (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = Play video
# $site: YouTube, Vimeo or PeerTube.
video-watch = Watch on { $site }
video-privacy = Playing loads the player from the video's site.
video-file = Download the video
video-transcript = Transcript
