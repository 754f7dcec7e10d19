package dev.kasa.node.store;

import dev.kasa.node.alert.AlertStatus;
import dev.kasa.node.alert.Priority;

/**
 * A stored alert. Times in microseconds since the epoch.
 *
 * @param asset the protected asset it is about, or null
 * @param side {@code source}, {@code destination} or {@code undirected}: where the asset was, or
 *     null
 * @param collection with {@code stixId}, the stored object the detection came from, or null
 */
public record StoredAlert(
    long id,
    String detection,
    String title,
    String asset,
    String side,
    String sector,
    String actor,
    boolean stateSponsored,
    Priority priority,
    AlertStatus status,
    String assignee,
    long count,
    long firstSeen,
    long lastSeen,
    String collection,
    String stixId) {}
