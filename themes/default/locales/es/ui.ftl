# UI strings of onramp's default theme, in Spanish.
#
# Translated from `locales/en/ui.ftl` (the reference language): same message
# ids, same variables. A site overrides any of them in its own
# `locales/es/*.ftl`.
#
# Style: neutral Spanish, addressing the reader as "tú".

## Page title and head

# The <title> of every page but the home page. $page: page title, $site: site title.
page-title = { $page } · { $site }
# Footer credit. $generator: the generator's name.
built-with = Creado con { $generator }

## Header

skip-to-content = Ir al contenido
# Label of the header's menu of top-level links.
main-menu = Menú principal
# Label of the sidebar (the tree of sections and pages).
site-navigation = Documentación
# Button that opens and closes the sidebar on small screens.
toggle-sidebar = Menú
# In a long list of the sidebar, the link that stands for the pages it leaves out;
# it leads to the section's page, which lists them all. $count: how many pages.
sidebar-more-pages = { $count ->
    [one] 1 página más
   *[other] { $count } páginas más
}
# Button that switches between the light and dark colour schemes (a toggle: "pressed" means dark).
toggle-theme = Modo oscuro
# Label of the language switcher.
languages = Idiomas
# Beside a language in the switcher when the page has no translation in it.
untranslated = sin traducir

## Search (the search box is filled in by the search script)

search = Buscar
search-placeholder = Buscar en la documentación

## Docs pages

breadcrumbs = Ruta de navegación
on-this-page = En esta página
# $minutes: estimated reading time, in whole minutes (at least 1).
reading-time = { $minutes ->
    [one] 1 minuto de lectura
   *[other] { $minutes } minutos de lectura
}
# $date: the date of the last change, formatted with date-format.
last-updated = Última actualización: { $date }
edit-page = Editar esta página
# Label of the links to the previous and next pages.
page-navigation = Páginas anterior y siguiente
previous-page = Anterior
next-page = Siguiente
copy-code = Copiar código
copied = ¡Copiado!

## Alerts (> [!NOTE] … in markdown): the title of each kind of callout

alert-note = Nota
alert-tip = Consejo
alert-important = Importante
alert-warning = Advertencia
alert-caution = Precaución

## Sections

# Heading above the cards linking to a section's subsections.
section-subsections = Secciones
# Heading above the list of a section's pages.
section-pages = Páginas

## Translations

# Shown on a page that exists only in the default language. $language: the name of the reader's language, in itself, as written in the
# language switcher ("Español", capitalised), hence in parentheses.
not-translated = Esta página aún no está disponible en tu idioma ({ $language }).
help-translate = Ayuda a traducirla
outdated-translation = La página original ha cambiado desde que se hizo esta traducción.
read-original = Leer el original

## Page not found

page-not-found-title = Página no encontrada
page-not-found-text = La página que buscas no existe. Es posible que se haya movido o que la dirección esté mal escrita.
back-home = Volver a la página de inicio

## Dates

# $day: day of the month (number), $month: the month's name (month-1 … month-12), $year: year.
# Spanish writes month names in lowercase: "5 de noviembre de 2024".
date-format = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

# The visible word on the search dialog's close button (its accessible
# name is search-close).
search-close-button = Cerrar
# Above the previous and next steps of a getting-started path, telling
# them apart from the section's previous and next pages.
# $path: the path's title; $current, $total: step numbers.
path-nav-heading = Ruta: { $path } — paso { $current } de { $total }
# Language names in this language, by language code (the translation
# status page says how many pages the default language has).
language-name-en = inglés
language-name-fr = francés
language-name-de = alemán
language-name-es = español
language-name-ja = japonés
language-name-zh-CN = chino (simplificado)
language-name-ar = árabe

## Vídeos incrustados (a YouTube, Vimeo or PeerTube link alone in a paragraph)

video-play = Reproducir el vídeo
# $site: YouTube, Vimeo or PeerTube.
video-watch = Ver en { $site }
video-privacy = Al reproducir se carga el reproductor desde el sitio del vídeo.
video-file = Descargar el vídeo
video-transcript = Transcripción
