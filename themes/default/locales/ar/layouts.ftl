# UI strings of the default theme's onboarding layouts, in Arabic.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = صفحات الأخبار
news-newer = منشورات أحدث
news-older = منشورات أقدم
news-page-of = الصفحة { $current } من { $total }
news-empty = لا توجد منشورات بعد.
news-feed = اشترك في الخلاصة
news-release = الإصدار { $version }
news-back = العودة إلى «{ $listing }»
release-thanks-title = شكرًا لكم
release-thanks-text = { $count ->
    [zero] أُنجز هذا الإصدار بفضل المساهمين:
    [one] أُنجز هذا الإصدار بفضل مساهم واحد:
    [two] أُنجز هذا الإصدار بفضل مساهمَين اثنين:
    [few] أُنجز هذا الإصدار بفضل { $count } مساهمين:
   *[other] أُنجز هذا الإصدار بفضل { $count } مساهمًا:
}
release-thanks-source = مؤلفو الإيداعات في { $range }.

## Case studies

case-studies-filters = تصفية دراسات الحالة
case-studies-facet-industry = القطاع
case-studies-facet-region = المنطقة
case-studies-facet-product = المنتج
case-studies-all = الكل
case-studies-count = { $count ->
    [zero] لا توجد دراسات حالة
    [one] دراسة حالة واحدة
    [two] دراستا حالة
    [few] { $count } دراسات حالة
   *[other] { $count } دراسة حالة
}
case-studies-empty = لا توجد دراسات حالة بعد.
case-studies-read = اقرأ القصة
case-study-logo = شعار { $organization }
case-study-industry = القطاع
case-study-region = المنطقة
case-study-product = المنتج
case-study-resources = موارد
case-study-resource-pdf = PDF
case-study-resource-video = فيديو
case-study-resource-slides = شرائح
case-study-resource-article = مقال
case-study-back = العودة إلى «{ $listing }»

## Getting started

getting-started-steps = الخطوات
getting-started-step = الخطوة { $number }
getting-started-paths = اختر مسارك
path-length = { $count ->
    [zero] لا خطوات
    [one] خطوة واحدة
    [two] خطوتان
    [few] { $count } خطوات
   *[other] { $count } خطوة
}
path-start = ابدأ
path-step-of = الخطوة { $current } من { $total }
path-navigation = { $path }: الخطوة السابقة والتالية
path-previous = الخطوة السابقة
path-next = الخطوة التالية
path-done = لقد وصلت إلى نهاية هذا المسار.

## Directory

directory-filter = تصفية
directory-filter-placeholder = الاسم أو المورّد أو الوصف
directory-category = الفئة
directory-all-categories = كل الفئات
directory-sort = الترتيب حسب
directory-sort-name = الاسم
directory-sort-vendor = المورّد
directory-sort-version = الإصدار
directory-vendor = المورّد
directory-version = الإصدار المعتمد
directory-visit = الموقع
directory-count = { $count ->
    [zero] لا عناصر
    [one] عنصر واحد
    [two] عنصران
    [few] { $count } عناصر
   *[other] { $count } عنصرًا
}
directory-empty = لا توجد عناصر مطابقة.

## Contributor guide

guide-issues-title = مهام مناسبة للبداية
guide-issues-intro = مهام مختارة لأول مساهمة. اترك تعليقًا قبل أن تبدأ حتى لا يعمل عليها غيرك.
guide-difficulty = الصعوبة
guide-difficulty-easy = سهلة
guide-difficulty-medium = متوسطة
guide-difficulty-hard = صعبة
guide-labels = الوسوم
guide-contact-title = تواصل معنا
guide-contact-meetings = الاجتماعات
guide-contact-chat = الدردشة
guide-contact-forum = المنتدى

## Community

community-summary = عدد المساهمين: { $contributors }، وعدد المساهمات: { $commits }.
community-source-git = محسوبة من سجل git للمستودع (دون إيداعات الدمج).
community-source-data = محسوبة من سجلات المشروع.
community-percent = { $share }٪
community-flag = قدّمت { $organization } ‏{ $share } من المساهمات، أي أكثر من { $threshold }: يعتمد المشروع كثيرًا على مؤسسة واحدة.
community-orgs-title = المساهمات حسب المؤسسة
community-chart-label = حصة المساهمات حسب المؤسسة
community-organization = المؤسسة
community-contributions = المساهمات
community-share = الحصة
community-total = المجموع
community-unaffiliated = مستقلون أو غير معروفين
community-flagged = فوق الحد
community-top-title = أبرز المساهمين
community-commits = { $count ->
    [zero] لا مساهمات
    [one] مساهمة واحدة
    [two] مساهمتان
    [few] { $count } مساهمات
   *[other] { $count } مساهمة
}
community-empty = لا توجد مساهمات مسجلة بعد.

## الاجتماعات (تخطيط `meetings`)

meetings-calendar = أضف إلى تقويمك (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = اجتماعات الأيام الـ{ $days } القادمة، بتوقيتك المحلي عند تشغيل JavaScript.
# $minutes: length of a meeting.
meetings-duration = { $minutes } دقيقة
meetings-cancelled = ملغى
meetings-moved = نُقل موعده
meetings-join = انضم
meetings-notes = الملاحظات
meetings-empty = لا اجتماعات في الأسابيع القادمة.

## الفيديوهات (القالب `videos`)

videos-speakers = { $count ->
    [one] المتحدث
   *[other] المتحدثون
}
videos-tags = الوسوم
videos-kind-talk = محاضرة
videos-kind-demo = عرض توضيحي
videos-kind-meeting = تسجيل اجتماع
videos-empty = لا توجد فيديوهات بعد.
