# Every level pulse has its three stems: each assets/sound/music_pulse*.txt
# became a stem sheet naming a main, a tension and a final stem, and there
# are at least six pulses for the nine levels.
#   -DSCORES=dir -DDATA=dir/assets -DMIN=6
file(GLOB scores ${SCORES}/music_pulse*.txt)
list(LENGTH scores n)
if(n LESS MIN)
  message(FATAL_ERROR "${n} level pulses, fewer than ${MIN}")
endif()
foreach(score ${scores})
  get_filename_component(name ${score} NAME_WE)
  set(sheet ${DATA}/${name}.stems)
  if(NOT EXISTS ${sheet})
    message(FATAL_ERROR "${sheet} is missing: build the game first")
  endif()
  foreach(stem main tension final)
    file(STRINGS ${sheet} found REGEX "^stem ${stem} ${name}(_${stem})?\\.ogg$")
    if(NOT found)
      message(FATAL_ERROR "${name} has no ${stem} stem (${sheet})")
    endif()
  endforeach()
  message(STATUS "${name}: main, tension and final")
endforeach()
message(STATUS "${n} level pulses, each with three stems")
