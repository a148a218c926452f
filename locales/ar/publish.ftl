# Nästa steg: نشر المحتوى من مجموعة المحررين في تيليجرام (لا يراه الشباب).
# مسودة: لم يراجعها بعد متحدث أصلي. ما بين { $... } يملؤه البوت.

publish-export-caption = المحتوى الذي يعرضه البوت الآن (content/ و locales/).
publish-howto =
    كيف تغيّر المحتوى:
    1. افتح ملف zip أعلاه. غيّر الملف الذي تريده، مثلاً content/sheet/ar.md (ورقة المعلومات بالعربية) أو content/organisations.yaml (المنظمات والهواتف وساعات العمل) أو locales/ar/main.ftl (الأزرار والنصوص القصيرة).
    2. أرسل الملف هنا كملف (رمز المشبك ← ملف). ملف واحد يكفي، أو عدة ملفات في ملف zip. لملف .ftl أو لتسجيل صوتي (.ogg) اكتب اللغة في التعليق، مثلاً fa-AF.
    3. يفحص البوت الملف ويجيب بما سيتغيّر ويرسل الشاشات المتغيّرة. لا يتغيّر شيء بعد.
    4. اكتب /publish ليظهر التغيير للجميع، أو /discard لإلغائه.
    /versions يعرض آخر النسخ، و /rollback يعيد النسخة السابقة (/rollback 3 يعيد النسخة 3).
    مشرفو هذه المجموعة فقط يمكنهم تغيير المحتوى.

publish-not-admin = مشرفو هذه المجموعة فقط يمكنهم تغيير المحتوى. اطلب من أحد المشرفين إرسال الملف أو الأمر.
publish-download-failed = تعذّر جلب الملف من تيليجرام. حاول مرة أخرى بعد قليل.

publish-refused-too-large = ✗ الملف كبير جداً (الحد الأقصى { $limit } ميغابايت). أرسل الملفات التي غيّرتها فقط.
publish-refused-file-too-large = ✗ { $name } كبير جداً (الحد الأقصى { $limit } ميغابايت لكل ملف).
publish-refused-not-zip = ✗ لا يمكن فتح ملف zip. اضغط الملفات من جديد وأرسله مرة أخرى.
publish-refused-too-many = ✗ في ملف zip { $count } ملفاً، والحد الأقصى { $limit }. أرسل الملفات التي غيّرتها فقط.
publish-refused-unknown-place = ✗ { $name } ليس جزءاً من المحتوى. استخدم المجلدات وأسماء الملفات نفسها الموجودة في ملف zip من /content.
publish-refused-unknown-type = ✗ { $name }: يقبل البوت ملفات .md و .yaml و .ftl و .ogg فقط، أو ملف zip يضمّها.
publish-refused-unknown-language = ✗ لا توجد لغة { $language }. اكتب إحدى هذه اللغات في التعليق: { $languages }.
publish-refused-which-language = ✗ لا يعرف البوت بأي لغة { $name }. أرسله مرة أخرى واكتب اللغة في التعليق، مثلاً fa-AF.
publish-refused-link = ✗ { $name } رابط وليس ملفاً. اضغط الملفات الحقيقية.
publish-refused-encrypted = ✗ { $name } محمي بكلمة مرور. اضغط الملفات بلا كلمة مرور.
publish-refused-bomb = ✗ { $name } يتوسّع عند فكّه إلى أكبر بكثير من حجمه. لن يفتحه البوت.
publish-refused-twice = ✗ { $name } موجود مرتين في ملف zip.
publish-refused-not-text = ✗ { $name } غير محفوظ كنص عادي (UTF-8). احفظه كنص عادي وأرسله مرة أخرى.
publish-refused-empty = ✗ لا يحتوي ملف zip على أي ملف من المحتوى.

publish-broken =
    ✗ لا يمكن استخدام هذا التغيير. لم يتغيّر شيء. صحّح { $count ->
        [one] هذا الخطأ
       *[other] هذه الأخطاء ({ $count })
    } وأرسل الملف مرة أخرى:
publish-nothing-changed = الملف مطابق لما يُعرض الآن. لا شيء للنشر.
publish-staged = ✓ تم الفحص. هذا ما سيتغيّر عندما تكتب /publish (الملفات: { $files }):
publish-staged-next = اكتب /publish ليظهر التغيير للجميع، أو /discard لإلغائه.
publish-warnings = { $count } أمور تستحق النظر (يمكن نشر التغيير مع ذلك):
    { $warnings }

publish-change-sections = { $language }: أقسام تغيّرت: { $names }
publish-new-sections = { $language }: أقسام جديدة: { $names }
publish-removed-sections = { $language }: أقسام حُذفت: { $names }
publish-change-strings = { $language }: { $count ->
        [one] يتغيّر زر أو نص قصير واحد
       *[other] تتغيّر { $count } أزرار ونصوص قصيرة
    }، مثلاً { $examples }
publish-change-audio = { $language }: تسجيل صوتي جديد أو متغيّر: { $names }
publish-change-organisations = منظمات تغيّرت: { $names }
publish-new-organisations = منظمات جديدة: { $names }
publish-removed-organisations = منظمات حُذفت: { $names }
publish-change-sheet-details = تفاصيل الأقسام (التواريخ، المصادر، الأزرار، المراجعة): { $names }
publish-change-deadline = تتغيّر قاعدة "متى تنتهي مهلتي؟".
publish-change-relay = يتغيّر "اكتب إلى الموظفين هنا" (المنظمات أو ساعات الرد أو الردود الجاهزة).
publish-change-glossary = يتغيّر مسرد المصطلحات.
publish-change-other = ملفات أخرى: { $files }
publish-stale = مراجعة الترجمة إلى { $language } لـ "{ $section }" لم تعد صالحة: تغيّر النص السويدي. حدّث الترجمة واطلب مراجعة جديدة.
publish-swedish-changed = يتغيّر النص السويدي لـ "{ $section }" ولا تتغيّر الترجمات إلى { $languages }. تأكّد من تحديثها.

publish-preview-caption = { $count ->
        [one] الشاشة المتغيّرة
       *[other] الشاشات المتغيّرة ({ $count })
    } كما ستبدو. افتح الملف في متصفح الإنترنت.
publish-preview-title = Nästa steg: الشاشات المتغيّرة
publish-preview-before = قبل

publish-nothing-staged = لا يوجد تغيير ينتظر. أرسل ملفاً أولاً (انظر /content).
publish-discarded = أُلغي التغيير. لم يتغيّر شيء.
publish-done = ✓ نُشر كنسخة { $number }. يعرض البوت المحتوى الجديد الآن. للتراجع: /rollback.
publish-anonymous = أحد المشرفين
publish-commit-message = محتوى نُشر من تيليجرام (النسخة { $number }، { $editor })

publish-versions-title = آخر النسخ (الأحدث أولاً):
publish-version-start = #{ $number } · { $when } · المحتوى قبل أول نشر من تيليجرام
publish-version-server = #{ $number } · { $when } · تغيّر مباشرة على الخادم: { $files }
publish-version-publish = #{ $number } · { $when } · { $editor }: { $files }
publish-version-rollback = #{ $number } · { $when } · { $editor }: عودة إلى النسخة { $restored }
publish-versions-hint = /rollback N يعيد النسخة N؛ و /rollback بلا رقم يعيد النسخة السابقة.
publish-versions-none = لم يُنشر شيء من تيليجرام بعد.
publish-rollback-unknown = لا توجد نسخة { $number }. انظر /versions.
publish-rollback-same = النسخة { $number } هي المعروضة الآن.
publish-rollback-done = ✓ عادت النسخة { $restored } (حُفظت كنسخة { $number }). يعرضها البوت الآن.
