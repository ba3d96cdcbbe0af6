# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = Versiones
# Beside the latest release in the version switcher.
version-latest = la más reciente
# Beside a version not released yet in the version switcher.
version-unreleased-note = sin publicar
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = no está en esta versión
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = Estás leyendo la documentación de { $version }. La versión más reciente es { $latest }.
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = Estás leyendo la documentación de { $version }, que aún no se ha publicado. La versión más reciente es { $latest }.
# Link of the banners to the same page in the latest release.
version-read-latest = Leer esta página en { $latest }
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = Ir a la documentación de { $latest }
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = Buscando en { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = Buscar en { $latest }
