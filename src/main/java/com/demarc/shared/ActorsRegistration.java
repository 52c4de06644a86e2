package com.demarc.shared;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/** Registers this application context's security-context strategy with {@link Actors}. */
@Component
class ActorsRegistration {
    ActorsRegistration(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        strategy.ifAvailable(Actors::register);
    }
}
