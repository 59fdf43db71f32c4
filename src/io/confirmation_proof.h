// SPDX-License-Identifier: EUPL-1.2
#pragma once
// The members' proofs are pure rules, checked in core (audit verify reads
// them from the store as it walks the trail); verify includes them here.
#include "core/confirmation_proof.h"
