package org.nuage.core.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nuage.core.Refusal;

/** {@link AccountStore} in memory, for the unit tests of what core does with accounts. */
public final class MemoryAccountStore implements AccountStore {

    public final Map<String, Account> accounts = new LinkedHashMap<>();
    public final Map<String, Channel> channels = new LinkedHashMap<>();
    int writes;

    @Override
    public void createAccount(Account account, Channel firstChannel) {
        if (accounts.containsKey(account.username()) || channels.containsKey(firstChannel.name())) {
            throw Refusal.conflict("taken");
        }
        accounts.put(account.username(), account);
        channels.put(firstChannel.name(), firstChannel);
    }

    @Override
    public Optional<Account> findAccount(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    @Override
    public void updateAccount(Account account) {
        writes++;
        accounts.put(account.username(), account);
    }

    @Override
    public void createChannel(Channel channel) {
        channels.put(channel.name(), channel);
    }

    @Override
    public Optional<Channel> findChannel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public List<Channel> channelsOf(String owner) {
        return channels.values().stream().filter(c -> c.owner().equals(owner)).toList();
    }

    @Override
    public List<Channel> allChannels(int start, int count) {
        return new ArrayList<>(channels.values()).stream().skip(start).limit(count).toList();
    }

    @Override
    public void updateChannel(Channel channel) {
        writes++;
        channels.put(channel.name(), channel);
    }

    @Override
    public void recordAccountNumber(String username, long numericId) {
        accounts.computeIfPresent(username, (name, a) -> a.numericId() > 0 ? a : new Account(a.id(), a.username(),
                a.email(), a.passwordHash(), a.role(), a.videoQuotaBytes(), a.displayName(), a.description(),
                a.createdAt(), a.avatars(), numericId));
    }

    @Override
    public void recordChannelNumber(String name, long numericId) {
        channels.computeIfPresent(name, (n, c) -> c.numericId() > 0 ? c : new Channel(c.id(), c.name(),
                c.displayName(), c.description(), c.owner(), c.createdAt(), c.avatars(), numericId));
    }

    @Override
    public void deleteChannel(Channel channel) {
        channels.remove(channel.name());
    }

    @Override
    public OAuthClient oauthClient(Supplier<OAuthClient> create) {
        return create.get();
    }
}
