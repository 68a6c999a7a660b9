# Renders one score with the synth, measures every file it makes and, with
# TWICE, renders it again and requires the very same bytes.
#   -DSYNTH=... -DMEASURE=... -DSCORE=... -DOUT=dir -DRMS_MIN=x [-DTWICE=1]
#   [-DPITCHES=stem:hz;stem:hz...]  one-shot test notes measured for pitch
get_filename_component(name ${SCORE} NAME_WE)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/first ${OUT}/again)

function(render dir)
  execute_process(COMMAND ${SYNTH} --stems -o ${dir}/${name}.wav ${SCORE}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "synth failed on ${SCORE}:\n${err}")
  endif()
endfunction()

render(${OUT}/first)
# The stem sheet names every file the score became, the main one first.
file(STRINGS ${OUT}/first/${name}.stems stem_lines REGEX "^stem ")
set(files)
set(stems)
foreach(line ${stem_lines})
  string(REGEX REPLACE "^stem ([^ ]+) ([^ ]+)$" "\\1;\\2" parts "${line}")
  list(GET parts 0 stem)
  list(GET parts 1 file)
  list(APPEND stems ${stem})
  list(APPEND files ${file})
endforeach()

if(PITCHES)
  foreach(p ${PITCHES})
    string(REPLACE ":" ";" p ${p})
    list(GET p 0 stem)
    list(GET p 1 hz)
    list(FIND stems ${stem} i)
    if(i LESS 0)
      message(FATAL_ERROR "${SCORE} has no stem '${stem}'")
    endif()
    list(GET files ${i} file)
    execute_process(COMMAND ${MEASURE} --score ${SCORE} --rms-min ${RMS_MIN} --pitch ${hz}
                            ${OUT}/first/${file} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${file} failed its measures")
    endif()
  endforeach()
else()
  set(paths)
  foreach(f ${files})
    list(APPEND paths ${OUT}/first/${f})
  endforeach()
  execute_process(COMMAND ${MEASURE} --score ${SCORE} --rms-min ${RMS_MIN} ${paths}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SCORE} failed its measures")
  endif()
endif()

if(TWICE)
  render(${OUT}/again)
  foreach(f ${files} ${name}.stems)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/first/${f} ${OUT}/again/${f}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${f} came out different the second time")
    endif()
  endforeach()
  message(STATUS "rendered twice: the same bytes")
endif()
# The renders are large; keep only what failed.
file(REMOVE_RECURSE ${OUT})
