# UI strings of the version switcher and banners (`versions:` in site.yaml), in English.

# Label of the version switcher.
versions = Versions
# Beside the latest release in the version switcher.
version-latest = latest
# Beside a version not released yet in the version switcher.
version-unreleased-note = unreleased
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = not in this version
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = You are reading the docs for { $version }. The latest release is { $latest }.
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = You are reading the docs for { $version }, which is not released yet. The latest release is { $latest }.
# Link of the banners to the same page in the latest release.
version-read-latest = Read this page in { $latest }
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = Go to the docs of { $latest }
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = Searching { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = Search { $latest } instead
