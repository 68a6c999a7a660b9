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
foreach(f ${sounds})
  get_filename_component(name ${f} NAME)
  file(RENAME ${f} ${LAZY}/${name})
endforeach()
list(LENGTH sounds n)
message(STATUS "${n} sounds left out of the first download")
