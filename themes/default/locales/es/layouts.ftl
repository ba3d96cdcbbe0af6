# UI strings of the default theme's onboarding layouts, in Spanish.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = Páginas de noticias
news-newer = Entradas más recientes
news-older = Entradas anteriores
news-page-of = Página { $current } de { $total }
news-empty = Todavía no hay entradas.
news-feed = Suscribirse al feed
news-release = Versión { $version }
news-back = Volver a «{ $listing }»
release-thanks-title = Gracias
release-thanks-text = { $count ->
    [one] Esta versión la hizo una persona:
   *[other] Esta versión la hicieron { $count } personas:
}
release-thanks-source = Autoras y autores de los commits de { $range }.

## Case studies

case-studies-filters = Filtrar casos de éxito
case-studies-facet-industry = Sector
case-studies-facet-region = Región
case-studies-facet-product = Producto
case-studies-all = Todos
case-studies-count = { $count ->
    [one] 1 caso de éxito
   *[other] { $count } casos de éxito
}
case-studies-empty = Todavía no hay casos de éxito.
case-studies-read = Leer la historia
case-study-logo = Logotipo de { $organization }
case-study-industry = Sector
case-study-region = Región
case-study-product = Producto
case-study-resources = Recursos
case-study-resource-pdf = PDF
case-study-resource-video = Vídeo
case-study-resource-slides = Diapositivas
case-study-resource-article = Artículo
case-study-back = Volver a «{ $listing }»

## Getting started

getting-started-steps = Pasos
getting-started-step = Paso { $number }
getting-started-paths = Elige tu camino
path-length = { $count ->
    [one] 1 paso
   *[other] { $count } pasos
}
path-start = Empezar
path-step-of = Paso { $current } de { $total }
path-navigation = { $path }: pasos anterior y siguiente
path-previous = Paso anterior
path-next = Paso siguiente
path-done = Has llegado al final de este camino.

## Directory

directory-filter = Filtrar
directory-filter-placeholder = Nombre, proveedor o descripción
directory-category = Categoría
directory-all-categories = Todas las categorías
directory-sort = Ordenar por
directory-sort-name = Nombre
directory-sort-vendor = Proveedor
directory-sort-version = Versión
directory-vendor = Proveedor
directory-version = Versión certificada
directory-visit = Sitio web
directory-count = { $count ->
    [one] 1 entrada
   *[other] { $count } entradas
}
directory-empty = Ninguna entrada coincide.

## Contributor guide

guide-issues-title = Buenas primeras incidencias
guide-issues-intro = Incidencias elegidas para una primera contribución. Deja un comentario antes de empezar, para que nadie más la tome.
guide-difficulty = Dificultad
guide-difficulty-easy = Fácil
guide-difficulty-medium = Media
guide-difficulty-hard = Difícil
guide-labels = Etiquetas
guide-contact-title = Ponte en contacto
guide-contact-meetings = Reuniones
guide-contact-chat = Chat
guide-contact-forum = Foro

## Community

community-summary = { $contributors ->
    [one] Una persona hizo
   *[other] { $contributors } personas hicieron
} { $commits ->
    [one] una contribución
   *[other] { $commits } contribuciones
}.
community-source-git = Contado a partir del historial git del repositorio (sin commits de fusión).
community-source-data = Contado a partir de los registros del proyecto.
community-percent = { $share } %
community-flag = { $organization } hizo el { $share } de las contribuciones, más del { $threshold }: el proyecto depende mucho de una sola organización.
community-orgs-title = Contribuciones por organización
community-chart-label = Proporción de contribuciones por organización
community-organization = Organización
community-contributions = Contribuciones
community-share = Proporción
community-total = Total
community-unaffiliated = Independientes o desconocidos
community-flagged = Por encima del umbral
community-top-title = Principales contribuidores
community-commits = { $count ->
    [one] 1 contribución
   *[other] { $count } contribuciones
}
community-empty = Todavía no hay contribuciones registradas.

## Reuniones (diseño `meetings`)

meetings-calendar = Añadir a tu calendario (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = Reuniones de los próximos { $days } días, en tu zona horaria si se ejecuta JavaScript.
# $minutes: length of a meeting.
meetings-duration = { $minutes } min
meetings-cancelled = Cancelada
meetings-moved = Cambiada de fecha
meetings-join = Unirse
meetings-notes = Notas
meetings-empty = No hay reuniones en las próximas semanas.

## Vídeos (plantilla `videos`)

videos-speakers = { $count ->
    [one] Ponente
   *[other] Ponentes
}
videos-tags = Etiquetas
videos-kind-talk = Charla
videos-kind-demo = Demostración
videos-kind-meeting = Grabación de reunión
videos-empty = Todavía no hay vídeos.
