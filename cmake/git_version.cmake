# The git commit (if known) goes into meta records; a missing git is not an
# error. A build from a tree with uncommitted changes to tracked files says
# so ("-dirty"): its records must not be attributed to the clean commit.
# (Evaluated at configure time; scripts/build.sh configures on every build.)
execute_process(COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE BDAL_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT BDAL_GIT_COMMIT)
  set(BDAL_GIT_COMMIT "unknown")
else()
  # Refresh the index's file stats first, or a touched file reads as changed.
  execute_process(COMMAND git update-index -q --refresh
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_QUIET ERROR_QUIET)
  execute_process(COMMAND git diff-index --quiet HEAD --
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    RESULT_VARIABLE BDAL_GIT_DIRTY
    ERROR_QUIET)
  if(BDAL_GIT_DIRTY)
    set(BDAL_GIT_COMMIT "${BDAL_GIT_COMMIT}-dirty")
  endif()
endif()
