# UI strings of the default theme's onboarding layouts (news, case studies,
# getting started, directory), in English (the reference language).
#
# Kept apart from ui.ftl so that a theme translation can add them in one
# file: `locales/<lang>/layouts.ftl`.

## News (layout `news`) and posts (layout `post`)

# Label of the numbered links between listing pages.
news-pages = News pages
news-newer = Newer posts
news-older = Older posts
# $current: this page's number, $total: number of pages.
news-page-of = Page { $current } of { $total }
news-empty = No posts yet.
# Link to the Atom feed of the news section.
news-feed = Subscribe to the feed
# Badge on a release note. $version: the version released.
news-release = Release { $version }
# Link from a post back to the listing. $listing: the listing's title.
news-back = Back to { $listing }
# Heading of the thanks at the end of a release note.
release-thanks-title = Thank you
# $count: number of people thanked, $version: the version released.
release-thanks-text = { $count ->
    [one] This release was made by one contributor:
   *[other] This release was made by { $count } contributors:
}
# Beside the thanks when the names were read from git. $range: the revision range.
release-thanks-source = Authors of the commits in { $range }.

## Case studies (layouts `case-studies` and `case-study`)

# Label of the group of filter chips.
case-studies-filters = Filter case studies
case-studies-facet-industry = Industry
case-studies-facet-region = Region
case-studies-facet-product = Product
# Chip that clears every filter.
case-studies-all = All
# Live count after filtering. $count: case studies shown.
case-studies-count = { $count ->
    [one] 1 case study
   *[other] { $count } case studies
}
case-studies-empty = No case studies yet.
# Link of a case study card.
case-studies-read = Read story
# Alt text of an organization's logo. $organization: its name.
case-study-logo = { $organization } logo
case-study-industry = Industry
case-study-region = Region
case-study-product = Product
case-study-resources = Resources
case-study-resource-pdf = PDF
case-study-resource-video = Video
case-study-resource-slides = Slides
case-study-resource-article = Article
# Link back to the listing. $listing: the listing's title.
case-study-back = Back to { $listing }

## Getting started (layout `getting-started`) and paths

# Label of the ordered list of steps.
getting-started-steps = Steps
# Before a step's number, for screen readers. $number: the step's number.
getting-started-step = Step { $number }
# Heading above the paths (series of pages).
getting-started-paths = Choose your path
# Number of pages in a path. $count: pages.
path-length = { $count ->
    [one] 1 step
   *[other] { $count } steps
}
path-start = Start
# Shown on every page of a path. $current: this page's position, $total: pages in the path.
path-step-of = Step { $current } of { $total }
# Label of the path's next/previous navigation. $path: the path's title.
path-navigation = { $path }: previous and next steps
path-previous = Previous step
path-next = Next step
# On the last page of a path.
path-done = You reached the end of this path.

## Directory (layout `directory`)

directory-filter = Filter
directory-filter-placeholder = Name, vendor or description
directory-category = Category
directory-all-categories = All categories
directory-sort = Sort by
directory-sort-name = Name
directory-sort-vendor = Vendor
directory-sort-version = Version
directory-vendor = Vendor
directory-version = Version certified
directory-visit = Website
# Live count after filtering. $count: entries shown.
directory-count = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
directory-empty = No entries match.

## Contributor guide (layout `guide`)

guide-issues-title = Good first issues
guide-issues-intro = Issues picked for a first contribution. Leave a comment on one before you start, so that nobody else takes it.
guide-difficulty = Difficulty
guide-difficulty-easy = Easy
guide-difficulty-medium = Medium
guide-difficulty-hard = Hard
# Label of an issue's list of labels.
guide-labels = Labels
guide-contact-title = Get in touch
guide-contact-meetings = Meetings
guide-contact-chat = Chat
guide-contact-forum = Forum

## Community (layout `community`)

# $contributors: number of people, $commits: number of contributions.
community-summary = { $contributors ->
    [one] One person
   *[other] { $contributors } people
} made { $commits ->
    [one] one contribution
   *[other] { $commits } contributions
}.
community-source-git = Counted from the repository's git history (merge commits left out).
community-source-data = Counted from the project's records.
# A share in percent. $share: a number such as 45.0.
community-percent = { $share }%
# Shown for each organization above the threshold. $organization: its name, $share and $threshold: formatted with community-percent.
community-flag = { $organization } made { $share } of the contributions, more than { $threshold }: the project depends heavily on one organization.
community-orgs-title = Contributions by organization
community-chart-label = Share of contributions by organization
community-organization = Organization
community-contributions = Contributions
community-share = Share
community-total = Total
# Contributors whose organization is unknown.
community-unaffiliated = Independent or unknown
# Badge beside an organization above the threshold.
community-flagged = Above threshold
community-top-title = Top contributors
# $count: a contributor's contributions.
community-commits = { $count ->
    [one] 1 contribution
   *[other] { $count } contributions
}
community-empty = No contributions recorded yet.

## Meetings (layout `meetings`)

meetings-calendar = Add to your calendar (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = Meetings in the next { $days } days, in your time zone when JavaScript runs.
# $minutes: length of a meeting.
meetings-duration = { $minutes } min
meetings-cancelled = Cancelled
meetings-moved = Moved
meetings-join = Join
meetings-notes = Notes
meetings-empty = No meetings in the coming weeks.

## Videos (layout `videos`)

# $count: number of speakers.
videos-speakers = { $count ->
    [one] Speaker
   *[other] Speakers
}
videos-tags = Tags
videos-kind-talk = Talk
videos-kind-demo = Demo
videos-kind-meeting = Meeting recording
videos-empty = No videos yet.
