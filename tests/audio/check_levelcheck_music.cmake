# The level checker knows every level pulse there is a score for: a small
# level naming each assets/sound/music_pulse*.txt checks without the music
# warning, and one naming a pulse there is no score for gets it.
#   -DSCORES=dir -DCHECK=levelcheck -DOUT=dir
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(GLOB scores ${SCORES}/music_pulse*.txt)
set(names)
foreach(score ${scores})
  get_filename_component(name ${score} NAME_WE)
  string(REGEX REPLACE "^music_" "" name ${name})
  list(APPEND names ${name})
endforeach()
list(APPEND names pulse99)
foreach(name ${names})
  file(WRITE ${OUT}/${name}.mml "miraclemile-level 2
name = Music: ${name}
author = Miracle Mile team
time = 20
par = 8
music = ${name}
map
########
#H.....#
#.....J#
########
end
")
  execute_process(COMMAND ${CHECK} ${OUT}/${name}.mml RESULT_VARIABLE code OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  string(FIND "${out}${err}" "is not a pulse of the game" warned)
  if(name STREQUAL "pulse99")
    if(warned EQUAL -1)
      message(FATAL_ERROR "music = pulse99 (no such score) is not warned about:\n${out}${err}")
    endif()
  elseif(NOT warned EQUAL -1)
    message(FATAL_ERROR "music = ${name} has a score but the checker warns:\n${out}${err}")
  endif()
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "the music level for ${name} does not check (exit ${code}):\n${out}${err}")
  endif()
  message(STATUS "music = ${name}: as expected")
endforeach()
file(REMOVE_RECURSE ${OUT})
