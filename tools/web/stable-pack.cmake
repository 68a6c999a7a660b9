# Makes the data loader (data.js, written by emscripten's file_packager) the
# same bytes for the same data (run by web.cmake after packing): the packager
# puts a random package_uuid in it on every run, which gave the loader a new
# hashed name, and the site a new version for its service worker, on every
# build. The uuid only names the package in a preload cache the page does not
# use; the data's own hash does that job as well.
#   cmake -DPACK=DIR -P stable-pack.cmake
if(NOT DEFINED PACK)
  message(FATAL_ERROR "stable-pack.cmake: -DPACK=... is required")
endif()
file(SHA256 ${PACK}/miraclemile.data hash)
file(READ ${PACK}/data.js js)
string(REGEX REPLACE "\"package_uuid\": *\"[^\"]*\"" "\"package_uuid\": \"sha256-${hash}\"" js "${js}")
file(WRITE ${PACK}/data.js "${js}")
