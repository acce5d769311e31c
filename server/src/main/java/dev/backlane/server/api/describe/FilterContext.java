package dev.backlane.server.api.describe;

import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;

/** What a filter may look at besides the resource itself: the scope and the state it was read from. */
public record FilterContext(Scope scope, ScopeState state, World world) {}
