# Nästa steg: messages to the staff chat (not seen by young people).

staff-reloaded = ✓ تم تحديث المحتوى والبوت يستخدمه الآن.
staff-reload-failed =
    ✗ لم يُستخدم التغيير: البوت ما زال يعرض آخر نسخة سليمة. صحّح ما يلي واحفظ مرة أخرى:
    { $problems }
