# Puts the web build's site together (run by web.cmake after the game links
# and its data is packed): every file the page loads gets its content's hash
# in its name, so a host that caches forever, or not at all, can never hand a
# returning player a new .js with an old .wasm. Only index.html, the service
# worker (sw.js) and the manifest keep fixed names; they are small and always
# asked for again.
#
#   cmake -DOUT=DIR -DPACK=DIR -DLAZY=DIR -DSHELL=DIR -DSITE=DIR -DICONS=DIR -DVERSION=X.Y.Z [-DMIN=DIR] -P site.cmake
#
# OUT holds the linked game (miraclemile.js, .wasm), PACK the data package
# (miraclemile.data, data.js), LAZY the sounds the page fetches when the game
# first asks for them, SHELL the page's sources, ICONS the icons, MIN the
# scripts minified (web.cmake), used in place of the others where there.

foreach(v OUT PACK LAZY SHELL SITE ICONS VERSION)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "site.cmake: -D${v}=... is required")
  endif()
endforeach()
file(MAKE_DIRECTORY ${SITE})

# name -> hashed name, for the page (Module.locateFile) and the worker.
set(map "")
set(files "")
set(all_hashes "")
function(versioned src name)
  file(SHA256 ${src} hash)
  string(SUBSTRING ${hash} 0 8 short)
  string(REGEX REPLACE "^(.*)\\.([^.]+)$" "\\1.${short}.\\2" out ${name})
  string(REGEX REPLACE "^(.*)\\.([^.]+)$" "\\1" stem ${name})
  string(REGEX REPLACE "^(.*)\\.([^.]+)$" "\\2" ext ${name})
  # Earlier builds' copies go: the site holds one version.
  file(GLOB old ${SITE}/${stem}.????????.${ext})
  foreach(o ${old})
    get_filename_component(oname ${o} NAME)
    if(NOT oname STREQUAL out)
      file(REMOVE ${o})
    endif()
  endforeach()
  if(NOT EXISTS ${SITE}/${out})
    configure_file(${src} ${SITE}/${out} COPYONLY)
  endif()
  string(MAKE_C_IDENTIFIER ${name} id)
  set(HASHED_${id} ${out} PARENT_SCOPE)
  set(map "${map}\"${name}\":\"${out}\"," PARENT_SCOPE)
  set(files "${files}'${out}', " PARENT_SCOPE)
  set(all_hashes "${all_hashes}${short}" PARENT_SCOPE)
endfunction()

# The scripts as web.cmake minified them, where it did (MIN).
function(script var dir name)
  if(DEFINED MIN AND EXISTS ${MIN}/${name} AND ${MIN}/${name} IS_NEWER_THAN ${dir}/${name})
    set(${var} ${MIN}/${name} PARENT_SCOPE)
  elseif(DEFINED MIN AND EXISTS ${MIN}/${name})
    message(FATAL_ERROR "site.cmake: ${MIN}/${name} is older than ${dir}/${name}")
  else()
    set(${var} ${dir}/${name} PARENT_SCOPE)
  endif()
endfunction()
script(game_js ${OUT} miraclemile.js)
script(data_js ${PACK} data.js)
script(page_js ${SHELL} page.js)
versioned(${game_js} miraclemile.js)
versioned(${OUT}/miraclemile.wasm miraclemile.wasm)
versioned(${PACK}/miraclemile.data miraclemile.data)
versioned(${data_js} data.js)
versioned(${page_js} page.js)
versioned(${SHELL}/page.css page.css)
string(REGEX REPLACE ",$" "" map "${map}")

# The sounds: fetched when first needed (window.mmLazy maps each to its
# hashed copy); the service worker keeps each as it comes, not at install.
set(lazy_map "")
set(core_files "${files}")
file(GLOB lazy_files ${LAZY}/*)
list(SORT lazy_files)
foreach(f ${lazy_files})
  get_filename_component(name ${f} NAME)
  set(map_before "${map}")
  versioned(${f} ${name})
  string(MAKE_C_IDENTIFIER ${name} id)
  set(lazy_map "${lazy_map}\"${name}\":\"${HASHED_${id}}\",")
  set(map "${map_before}")
endforeach()
set(files "${core_files}")
string(REGEX REPLACE ",$" "" lazy_map "${lazy_map}")

# The files before the hashes: an unversioned copy left by an older build
# would only confuse a host.
foreach(f miraclemile.js miraclemile.wasm miraclemile.data data.js page.js page.css)
  file(REMOVE ${SITE}/${f})
endforeach()

foreach(size 192 512)
  configure_file(${ICONS}/icon-${size}.png ${SITE}/icon-${size}.png COPYONLY)
endforeach()

string(SHA256 site_id "${all_hashes}")
string(SUBSTRING ${site_id} 0 12 SITE_ID)
set(PROJECT_VERSION ${VERSION})
set(MM_FILE_MAP "{${map}}")
set(MM_LAZY_MAP "{${lazy_map}}")
set(MM_PAGE_CSS ${HASHED_page_css})
set(MM_PAGE_JS ${HASHED_page_js})
set(MM_DATA_JS ${HASHED_data_js})
set(MM_GAME_JS ${HASHED_miraclemile_js})
set(MM_WASM ${HASHED_miraclemile_wasm})
set(MM_DATA ${HASHED_miraclemile_data})
set(MM_CACHE_FILES "${files}")
set(MM_SITE_ID ${SITE_ID})
configure_file(${SHELL}/index.html ${SITE}/index.html @ONLY)
configure_file(${SHELL}/sw.js ${SITE}/sw.js @ONLY)
configure_file(${SHELL}/manifest.webmanifest ${SITE}/manifest.webmanifest @ONLY)
message(STATUS "site ${SITE_ID}: ${MM_GAME_JS}, ${MM_WASM}, ${MM_DATA}")
