#!/bin/sh
# CPack strips the installed binary with CMAKE_STRIP: strip it as dh_strip
# does, compiler comments and notes included.
exec strip --remove-section=.comment --remove-section=.note --strip-unneeded "$@"
