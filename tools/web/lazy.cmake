# Takes the sounds out of the web build's staged data folder (run by
# web.cmake before packing it): the first download then holds only what the
# title needs to show, and the page fetches each sound when the game first
# asks for it (the title's music at once, the effects in the background,
# each level's music when the level starts). The stem sheets stay.
#   cmake -DSTAGE=DIR -DLAZY=DIR -P lazy.cmake
foreach(v STAGE LAZY)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "lazy.cmake: -D${v}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${LAZY})
file(MAKE_DIRECTORY ${LAZY})
file(GLOB sounds ${STAGE}/assets/*.ogg ${STAGE}/assets/*.wav)
set(kept)
foreach(f ${sounds})
  get_filename_component(name ${f} NAME)
  # A build folder that once rendered an effect as WAV keeps that file when
  # it renders it as Ogg (the browser's format): the stale WAV stays out.
  string(REGEX REPLACE "\\.wav$" ".ogg" as_ogg ${f})
  if(f MATCHES "\\.wav$" AND EXISTS ${as_ogg})
    file(REMOVE ${f})
    continue()
  endif()
  file(RENAME ${f} ${LAZY}/${name})
  list(APPEND kept ${name})
endforeach()
set(sounds ${kept})
list(LENGTH sounds n)
message(STATUS "${n} sounds left out of the first download")
