package org.nuage.core.account;

import org.nuage.core.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts and channels: registration with a first channel, signing in, the administrator, and
 * channel management where only the owner may change or delete a channel.
 */
public final class AccountService {

    /**
     * What the instance allows; set from the api function's configuration. {@code rootPassword},
     * when given, creates the administrator on its first sign-in, so no cold start pays for it.
     */
    public record Policy(boolean openRegistrations, long defaultVideoQuotaBytes, Optional<String> rootPassword) {
    }

    /** A registration form, as PeerTube's {@code POST /api/v1/users/register} takes it. */
    public record Registration(String username, String password, String email, String displayName,
            String channelName, String channelDisplayName) {
    }

    public static final String ROOT = "root";
    public static final int MIN_PASSWORD_LENGTH = 6;

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Policy policy;
    private final Clock clock;
    /**
     * Compared against when the username is unknown, so a wrong name costs as long as a wrong
     * password. Made on first need: a bcrypt hash costs a cold start a quarter of a second.
     */
    private volatile String decoyHash;

    public AccountService(AccountStore store, PasswordHasher hasher, Policy policy, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
    }

    public Account register(Registration form) {
        if (!policy.openRegistrations()) {
            throw Refusal.forbidden("registrations are closed on this instance");
        }
        String username = Names.username(form.username());
        if (Names.isReserved(username)) {
            throw Refusal.conflict("username '" + username + "' is reserved");
        }
        String channelName = form.channelName() == null || form.channelName().isBlank()
                ? username + "_channel" : form.channelName();
        return create(username, form.password(), Names.email(form.email()), form.displayName(), Account.Role.USER,
                policy.defaultVideoQuotaBytes(), Names.channel(channelName), form.channelDisplayName());
    }

    /**
     * Creates the administrator {@code root} unless it exists, so an instance is manageable from its
     * first start. Returns true when it was created.
     */
    public boolean ensureRoot(String password) {
        if (store.findAccount(ROOT).isPresent()) {
            return false;
        }
        try {
            create(ROOT, password, "root@localhost", "root", Account.Role.ADMINISTRATOR, -1, "root_channel", null);
            return true;
        } catch (Refusal e) {
            if (e.status() == 409) {
                return false; // another instance of the function created it meanwhile
            }
            throw e;
        }
    }

    private Account create(String username, String password, String email, String displayName, Account.Role role,
            long quota, String channelName, String channelDisplayName) {
        checkPassword(password);
        var now = clock.instant();
        Account account = new Account(UUID.randomUUID().toString(), username, email, hasher.hash(password), role, quota,
                Names.displayName(displayName, username), "", now);
        Channel channel = new Channel(UUID.randomUUID().toString(), channelName,
                Names.displayName(channelDisplayName, "Main " + username + " channel"), "", username, now);
        store.createAccount(account, channel);
        return account;
    }

    /** The account whose password this is; the same refusal for an unknown name and a wrong password. */
    public Account signIn(String username, String password) {
        Optional<Account> account = username == null ? Optional.empty()
                : store.findAccount(username.toLowerCase(java.util.Locale.ROOT));
        if (account.isEmpty() && ROOT.equals(username) && policy.rootPassword().isPresent()) {
            ensureRoot(policy.rootPassword().get());
            account = store.findAccount(ROOT);
        }
        boolean matches = hasher.matches(password, account.map(Account::passwordHash).orElseGet(this::decoyHash));
        if (account.isEmpty() || !matches) {
            throw Refusal.badRequest("invalid username or password");
        }
        return account.get();
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = hasher.hash(UUID.randomUUID().toString());
        }
        return decoyHash;
    }

    public Account account(String username) {
        return store.findAccount(username).orElseThrow(() -> Refusal.notFound("no account named " + username));
    }

    public void changePassword(String username, String currentPassword, String newPassword) {
        Account account = signIn(username, currentPassword);
        checkPassword(newPassword);
        store.updateAccount(account.withPasswordHash(hasher.hash(newPassword)));
    }

    /** Changes what others see of the account; a null field keeps its value. */
    public Account editProfile(String username, String displayName, String description) {
        Account account = account(username);
        Account edited = account.withProfile(
                displayName == null ? account.displayName() : Names.displayName(displayName, username),
                description == null ? account.description() : Names.description(description));
        store.updateAccount(edited);
        return edited;
    }

    public Channel createChannel(String owner, String name, String displayName, String description) {
        account(owner);
        Channel channel = new Channel(UUID.randomUUID().toString(), Names.channel(name),
                Names.displayName(displayName, name), Names.description(description), owner, clock.instant());
        if (Names.isReserved(channel.name())) {
            throw Refusal.conflict("channel name '" + channel.name() + "' is reserved");
        }
        store.createChannel(channel);
        return channel;
    }

    public Channel channel(String name) {
        return store.findChannel(name).orElseThrow(() -> Refusal.notFound("no channel named " + name));
    }

    public List<Channel> channelsOf(String owner) {
        return store.channelsOf(owner);
    }

    public List<Channel> channels(int start, int count) {
        return store.allChannels(Math.max(0, start), Math.min(Math.max(count, 0), 100));
    }

    public Channel editChannel(String actor, String name, String displayName, String description) {
        Channel channel = owned(actor, name);
        Channel edited = channel.edited(
                displayName == null ? channel.displayName() : Names.displayName(displayName, channel.name()),
                description == null ? channel.description() : Names.description(description));
        store.updateChannel(edited);
        return edited;
    }

    public void deleteChannel(String actor, String name) {
        Channel channel = owned(actor, name);
        if (store.channelsOf(channel.owner()).size() <= 1) {
            // PeerTube refuses it too: every account publishes through at least one channel.
            throw Refusal.conflict("cannot delete the last channel of an account");
        }
        store.deleteChannel(channel);
    }

    /** The channel {@code name} when {@code actor} owns it. @throws Refusal 404 unknown, 403 another's */
    public Channel owned(String actor, String name) {
        Channel channel = channel(name);
        if (!channel.owner().equals(actor)) {
            throw Refusal.forbidden("channel " + name + " belongs to another account");
        }
        return channel;
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw Refusal.badRequest("password must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw Refusal.badRequest("password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES
                    + " bytes (bcrypt ignores the rest)");
        }
    }

    /** A password for {@code root} when the operator gave none: 18 random bytes, URL-safe. */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh OAuth client for the instance. */
    public static OAuthClient newOAuthClient() {
        return new OAuthClient(UUID.randomUUID().toString().replace("-", ""), generatePassword() + generatePassword());
    }
}
