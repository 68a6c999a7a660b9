// JS functions the game's C code calls in the browser build (linked with
// --js-library). Each hands over to the page (tools/web/shell/page.js), and
// does nothing on a page without the hook.
mergeInto(LibraryManager.library, {
  // src/platform/web.c: "first-frame", "failed".
  mm_web_page_event: function (what, detail) {
    if (Module['mmEvent']) Module['mmEvent'](UTF8ToString(what), UTF8ToString(detail));
  },
  // src/common/files.c, after each finished atomic write: copy the
  // per-user folder to IndexedDB.
  mm_web_persist: function () {
    if (Module['mmPersist']) Module['mmPersist']();
  },
  // src/platform/audio.c: a sound file left out of the first download is
  // needed; the page fetches it into the data folder (once).
  mm_web_want_asset: function (file) {
    if (Module['mmWantAsset']) Module['mmWantAsset'](UTF8ToString(file));
  },
  // src/ui/editor_screen.c: "Download" hands the player a saved level file
  // (path in the file system, name for the player's downloads).
  mm_web_download: function (path, name) {
    if (Module['mmDownload']) Module['mmDownload'](UTF8ToString(path), UTF8ToString(name));
  },
});
