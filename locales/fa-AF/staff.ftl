# Nästa steg: messages to the staff chat (not seen by young people).

staff-reloaded = ✓ محتوا تازه شد و بات اکنون از آن استفاده می‌کند.
staff-reload-failed =
    ✗ این تغییر استفاده نشد: بات هنوز آخرین نسخهٔ سالم را نشان می‌دهد. این را درست کنید و دوباره ذخیره کنید:
    { $problems }
