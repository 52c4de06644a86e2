package com.demarc.api.ui;

import com.demarc.shared.ui.UserMenuItem;
import org.springframework.stereotype.Component;

/** "API tokens" in the user menu: the REST API's personal access tokens. */
@Component
class ApiTokensMenuItem implements UserMenuItem {
    @Override
    public String label() {
        return "API tokens";
    }

    @Override
    public String route() {
        return "account/api-tokens";
    }
}
