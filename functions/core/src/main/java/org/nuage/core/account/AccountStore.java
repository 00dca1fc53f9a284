package org.nuage.core.account;

import org.nuage.core.Refusal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Port: accounts, channels and the one namespace their names share. Names are claimed with
 * conditional writes, so two people can never end up with the same handle.
 */
public interface AccountStore {

    /**
     * Stores a new account with its first channel, claiming the username, the channel name and the
     * email; nothing is kept when any of them is taken.
     *
     * @throws Refusal 409 naming what was taken
     */
    void createAccount(Account account, Channel firstChannel);

    Optional<Account> findAccount(String username);

    void updateAccount(Account account);

    /** Stores a new channel, claiming its name. @throws Refusal 409 when taken */
    void createChannel(Channel channel);

    Optional<Channel> findChannel(String name);

    List<Channel> channelsOf(String owner);

    /** Every local channel, newest first. */
    List<Channel> allChannels(int start, int count);

    void updateChannel(Channel channel);

    /** Removes the channel and frees its name. */
    void deleteChannel(Channel channel);

    /**
     * Keeps PeerTube's number of the account on its item unless it has one or is gone (a
     * conditional write: safe to race and to repeat).
     */
    void recordAccountNumber(String username, long numericId);

    /** As {@link #recordAccountNumber}, for a channel. */
    void recordChannelNumber(String name, long numericId);

    /** The instance's OAuth client, created from {@code create} the first time it is asked for. */
    OAuthClient oauthClient(Supplier<OAuthClient> create);
}
