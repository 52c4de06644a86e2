package com.demarc.security.ui;

import com.demarc.organization.UserAccount;
import com.demarc.organization.ui.extension.UserAdminColumns;
import com.demarc.organization.UserId;
import com.demarc.security.MfaService;
import com.demarc.shared.ui.Notices;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The users page's MFA column: whether each account uses an authenticator app (and its recovery codes left), and
 * "Reset two-step sign-in" (confirmed, audited, ends the user's sessions) for a lost phone.
 */
@org.springframework.stereotype.Component
class MfaUserColumns implements UserAdminColumns {
    private final MfaService mfa;

    MfaUserColumns(MfaService mfa) {
        this.mfa = mfa;
    }

    @Override
    public Consumer<List<UserAccount>> addTo(Grid<UserAccount> grid, Runnable refresh) {
        Map<UserId, MfaService.Status> states = new ConcurrentHashMap<>();
        grid.addColumn(u -> {
            var s = states.get(u.id());
            return s == null ? "" : s.enrolled() ? "On (" + s.recoveryCodesLeft() + " recovery codes)" : "Off";
        }).setHeader("Two-step sign-in").setAutoWidth(true);
        grid.addComponentColumn(u -> {
            var s = states.get(u.id());
            if (s == null || !s.enrolled()) {
                return new Span();
            }
            var reset = new Button("Reset two-step sign-in", e -> confirm(u, () -> {
                // the row shows "Off" and loses this button at once: its components are made again for it
                states.put(u.id(), new MfaService.Status(false, 0));
                grid.getDataProvider().refreshItem(u);
            }));
            reset.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            reset.addClassName("mfa-reset");
            reset.getElement().setAttribute("data-username", u.username());
            // the row's click opens the user editor: this button is its own action
            reset.getElement().executeJs("this.addEventListener('click', e => e.stopPropagation())");
            return reset;
        }).setHeader("Two-step action").setAutoWidth(true);
        return page -> states.putAll(mfa.statusesOf(page.stream().map(UserAccount::id).toList()));
    }

    private void confirm(UserAccount user, Runnable afterReset) {
        var dialog = new ConfirmDialog();
        dialog.setId("mfa-reset-confirm");
        dialog.setHeader("Reset two-step sign-in of " + user.displayName() + "?");
        dialog.setText("Their authenticator app and recovery codes stop working and their sessions end. They sign in "
                + "with their password and set up an app again (at once, if their role requires one). Do this only "
                + "after checking who asked, e.g. a lost phone.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Reset");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> {
            mfa.reset(user.id());
            Notices.success("Two-step sign-in of " + user.displayName() + " was reset.");
            afterReset.run();
        });
        dialog.open();
    }
}
