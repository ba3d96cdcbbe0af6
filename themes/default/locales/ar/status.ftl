# صفحة حالة الترجمة.

translation-status-title = حالة الترجمة
translation-status-intro = { $count ->
    [zero] لا توجد في الموقع صفحات باللغة { $language }.
    [one] في الموقع صفحة واحدة باللغة { $language }. إليك مدى تقدّم كل ترجمة، وأين نحتاج إلى المساعدة.
    [two] في الموقع صفحتان باللغة { $language }. إليك مدى تقدّم كل ترجمة، وأين نحتاج إلى المساعدة.
    [few] في الموقع { $count } صفحات باللغة { $language }. إليك مدى تقدّم كل ترجمة، وأين نحتاج إلى المساعدة.
   *[other] في الموقع { $count } صفحة باللغة { $language }. إليك مدى تقدّم كل ترجمة، وأين نحتاج إلى المساعدة.
}
translation-status-summary = جميع اللغات
translation-status-one-language = يُنشر هذا الموقع بلغة واحدة فقط.
translation-status-language = اللغة
translation-status-done = مترجَم
translation-status-current = محدَّثة
translation-status-outdated = قديمة
translation-status-unknown = غير مُراجَعة
translation-status-missing = ناقصة
translation-status-ui-missing = نصوص الواجهة الناقصة
translation-status-outdated-title = ترجمات قديمة
translation-status-missing-title = صفحات تحتاج إلى ترجمة
translation-status-unknown-title = ترجمات لم تُقارَن بأصلها
translation-status-ui-title = نصوص واجهة تحتاج إلى ترجمة
translation-status-none = لا شيء هنا.
translation-status-original = الأصل
translation-status-action-outdated = حدِّث الترجمة
translation-status-action-missing = ترجِم
translation-status-action-unknown = راجِع الترجمة
