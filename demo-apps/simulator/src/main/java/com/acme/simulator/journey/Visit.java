package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.util.List;

/**
 * Requests one customer makes in one sitting, back to back, from {@code dueMillis} after the start
 * of the run; {@code memory} is shared by the customer's visits.
 *
 * @param newBrowser whether the sitting starts on another browser than the previous one
 */
public record Visit(
    Person customer,
    Scenario scenario,
    long dueMillis,
    List<Action> actions,
    boolean newBrowser,
    Memory memory) {}
