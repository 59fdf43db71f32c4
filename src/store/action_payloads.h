// SPDX-License-Identifier: EUPL-1.2
#pragma once
// Each action's audit entry now lives beside the actions' rules.
#include "core/action_payloads.h"
#include "store/actions.h"
