#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# CPack strips the installed binary with CMAKE_STRIP: strip it as dh_strip
# does, compiler comments and notes included.
exec strip --remove-section=.comment --remove-section=.note --strip-unneeded "$@"
