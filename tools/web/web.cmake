# The Emscripten build of the game (included from the root CMakeLists.txt).
#
# Configure with emcmake and the prefix tools/web/deps.sh built, for example
# (tools/web/build.sh does all of this):
#   emcmake cmake -S . -B build-web/game -DCMAKE_FIND_ROOT_PATH=PREFIX \
#     -DMM_SPRITEC=HOST/spritec -DMM_SYNTH=HOST/synth
# The result is a folder of static files, ${MM_WEB_SITE}: our own page
# (tools/web/shell), the game's code (miraclemile.js + .wasm) and its data
# (miraclemile.data + data.js), packed apart so a change to one leaves the
# other alone.

set(MM_WEB_SITE ${CMAKE_BINARY_DIR}/site CACHE PATH "Where the web build writes the site")
set(MM_WEB_SHELL ${CMAKE_SOURCE_DIR}/tools/web/shell)
file(MAKE_DIRECTORY ${MM_WEB_SITE})

target_sources(miraclemile PRIVATE ${CMAKE_SOURCE_DIR}/src/platform/web.c)
# Linked into a folder of its own: the site gets hashed copies (site.cmake).
set(MM_WEB_OUT ${CMAKE_BINARY_DIR}/web-out)
set_target_properties(miraclemile PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY ${MM_WEB_OUT})

# SDL 2.26's audio needs $autoResumeAudioContext and $dynCall, which only
# emscripten's SDL port would pull in. CMake mangles '$' in link options, so
# they are listed in a file.
set(MM_WEB_FUNCS ${CMAKE_SOURCE_DIR}/tools/web/library-funcs.txt)

target_link_options(miraclemile PRIVATE
  # Link-time optimisation level (after the build type's -Os, so it wins):
  # -Oz gives the smallest gzipped download (7 KB under -O2, which was
  # under -Os) at the same frame rate.
  "-Oz"
  "-sENVIRONMENT=web"
  "-sALLOW_MEMORY_GROWTH=1"
  # The page starts main() itself: after the click that unlocks audio and
  # after the saves are read back from IndexedDB.
  "-sINVOKE_RUN=0"
  "-sFORCE_FILESYSTEM=1"
  "-lidbfs.js"
  "-sDEFAULT_LIBRARY_FUNCS_TO_INCLUDE=@${MM_WEB_FUNCS}"
  "--js-library=${CMAKE_SOURCE_DIR}/tools/web/library.js"
  # callMain, FS and ccall for the page; the rest for the data loader (data.js).
  "-sEXPORTED_RUNTIME_METHODS=callMain,ccall,FS,UTF8ToString,addRunDependency,removeRunDependency,FS_createPath,FS_createDataFile,FS_createPreloadedFile")
# Debian's emcc runs JS tools (acorn) at link time with the system node,
# which may come from elsewhere and not search Debian's module folder. Set
# here, so a plain "cmake --build" of this folder works too.
if(EXISTS /usr/share/nodejs/acorn)
  set_property(TARGET miraclemile PROPERTY RULE_LAUNCH_LINK
               "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs")
endif()
set_property(TARGET miraclemile APPEND PROPERTY LINK_DEPENDS ${MM_WEB_FUNCS}
                                                   ${CMAKE_SOURCE_DIR}/tools/web/library.js)

# The data folder (levels, sprite sheet, sounds, fonts) becomes /data in the
# browser's file system, packed into miraclemile.data with its loader data.js.
#
# The fonts are cut down first: the game writes Latin text, and DejaVu's
# other scripts are most of the two files' 1 MB. pyftsubset (Debian's
# fonttools) keeps the outlines, hinting, kerning and licence of what stays:
# Latin-1, Latin Extended-A, punctuation, arrows. Without it the whole fonts go.
find_program(MM_PYFTSUBSET pyftsubset NO_CMAKE_FIND_ROOT_PATH)
set(MM_WEB_FONT_DIR ${CMAKE_BINARY_DIR}/web-fonts)
set(MM_WEB_FONTS)
if(MM_PYFTSUBSET)
  set(unicodes "U+0020-007E,U+00A0-017F,U+0192,U+02C6-02DC,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2190-2195,U+2212,U+25A0-25CF,U+FFFD")
  foreach(font DejaVuSans-Bold.ttf DejaVuSansMono-Bold.ttf)
    add_custom_command(OUTPUT ${MM_WEB_FONT_DIR}/${font}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${MM_WEB_FONT_DIR}
      COMMAND ${MM_PYFTSUBSET} ${MM_DATA_DIR}/assets/${font} --unicodes=${unicodes}
              --legacy-kern --notdef-outline --name-IDs=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14
              --output-file=${MM_WEB_FONT_DIR}/${font}
      DEPENDS ${MM_DATA_DIR}/assets/${font}
      COMMENT "Cutting ${font} down for the browser"
      VERBATIM)
    list(APPEND MM_WEB_FONTS ${MM_WEB_FONT_DIR}/${font})
  endforeach()
else()
  message(STATUS "pyftsubset not found (Debian: fonttools): the web build ships the whole fonts")
endif()

# Staged in a folder of their own (the loader fetches the package by its
# file name, so it is packed under its final name), then copied to the site
# only when changed, so an unchanged package keeps its date and caches.
find_program(MM_FILE_PACKAGER file_packager PATHS ${EMSCRIPTEN_ROOT_PATH}/tools
             NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(MM_WEB_STAGE ${CMAKE_BINARY_DIR}/web-data)
set(MM_WEB_PACK ${CMAKE_BINARY_DIR}/web-pack)
set(MM_WEB_LAZY ${CMAKE_BINARY_DIR}/web-lazy) # the sounds, fetched when needed
set(font_copies)
foreach(f ${MM_WEB_FONTS})
  list(APPEND font_copies COMMAND ${CMAKE_COMMAND} -E copy ${f} ${MM_WEB_STAGE}/assets/)
endforeach()
# (file_packager reminds about -sFORCE_FILESYSTEM on every run: the game
# links with it.)
add_custom_target(mm_web_data ALL
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${MM_WEB_STAGE}
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${MM_DATA_DIR} ${MM_WEB_STAGE}
  ${font_copies}
  COMMAND ${CMAKE_COMMAND} -DSTAGE=${MM_WEB_STAGE} -DLAZY=${MM_WEB_LAZY}
          -P ${CMAKE_SOURCE_DIR}/tools/web/lazy.cmake
  COMMAND ${CMAKE_COMMAND} -E make_directory ${MM_WEB_PACK}
  COMMAND ${MM_FILE_PACKAGER} ${MM_WEB_PACK}/miraclemile.data --preload ${MM_WEB_STAGE}@/data
          --js-output=${MM_WEB_PACK}/data.js --no-node
  COMMAND ${CMAKE_COMMAND} -DPACK=${MM_WEB_PACK} -P ${CMAKE_SOURCE_DIR}/tools/web/stable-pack.cmake
  BYPRODUCTS ${MM_WEB_PACK}/miraclemile.data ${MM_WEB_PACK}/data.js
  DEPENDS ${MM_WEB_FONTS}
  COMMENT "Packing the game's data for the browser"
  VERBATIM)
add_dependencies(mm_web_data mm_data)

# The app icons (the manifest's), drawn by our sprite tool from
# assets/sprites/app_icon.txt at whole-number scales.
# (The web build always runs a host spritec: MM_SPRITEC.)
set(MM_WEB_ICONS ${CMAKE_BINARY_DIR}/web-icons)
file(GLOB MM_WEB_SPRITE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/sprites/*.txt)
list(SORT MM_WEB_SPRITE_SOURCES)
set(icon_files)
foreach(size 192 512)
  add_custom_command(OUTPUT ${MM_WEB_ICONS}/icon-${size}.png
    COMMAND ${CMAKE_COMMAND} -E make_directory ${MM_WEB_ICONS}
    COMMAND ${MM_SPRITEC} --icon app_icon ${size} ${MM_WEB_ICONS}/icon-${size}.png
            ${MM_WEB_SPRITE_SOURCES}
    DEPENDS ${MM_WEB_SPRITE_SOURCES} ${MM_SPRITEC}
    COMMENT "Drawing the ${size} px app icon"
    VERBATIM)
  list(APPEND icon_files ${MM_WEB_ICONS}/icon-${size}.png)
endforeach()

# The scripts minified (Debian's node-terser): about 14 KB less to download,
# gzipped, of the game's JS, the page's and the data loader's. Without
# terser they go as they are.
set(MM_WEB_MIN ${CMAKE_BINARY_DIR}/web-min)
set(MM_WEB_TERSER /usr/share/nodejs/terser)
find_program(MM_NODE node NO_CMAKE_FIND_ROOT_PATH)
set(min_files)
if(EXISTS ${MM_WEB_TERSER} AND MM_NODE)
  foreach(pair "miraclemile.js|${MM_WEB_OUT}/miraclemile.js" "data.js|${MM_WEB_PACK}/data.js"
               "page.js|${MM_WEB_SHELL}/page.js")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 name)
    list(GET pair 1 src)
    add_custom_command(OUTPUT ${MM_WEB_MIN}/${name}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${MM_WEB_MIN}
      COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
              ${MM_NODE} ${CMAKE_SOURCE_DIR}/tools/web/minify.cjs ${src} ${MM_WEB_MIN}/${name}
      DEPENDS ${src} ${CMAKE_SOURCE_DIR}/tools/web/minify.cjs
      COMMENT "Minifying ${name}"
      VERBATIM)
    list(APPEND min_files ${MM_WEB_MIN}/${name})
  endforeach()
else()
  message(STATUS "terser not found (Debian: node-terser): the web build's scripts are not minified")
endif()

# The site: the page, the service worker and the manifest, and every other
# file under a name that carries its content's hash (tools/web/site.cmake).
add_custom_target(mm_web_site ALL
  COMMAND ${CMAKE_COMMAND} -DOUT=${MM_WEB_OUT} -DPACK=${MM_WEB_PACK} -DLAZY=${MM_WEB_LAZY}
          -DSHELL=${MM_WEB_SHELL} -DMIN=${MM_WEB_MIN}
          -DSITE=${MM_WEB_SITE} -DICONS=${MM_WEB_ICONS} -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_SOURCE_DIR}/tools/web/site.cmake
  DEPENDS ${icon_files} ${min_files} ${CMAKE_SOURCE_DIR}/tools/web/site.cmake
  COMMENT "Putting the site together"
  VERBATIM)
add_dependencies(mm_web_site miraclemile mm_web_data)
