package com.acme.simulator.run;

import java.util.List;

/**
 * One line of the ground truth: which real customer made a request, and what it should have
 * produced (docs/demo.md). The accuracy tool joins stored touchpoints to it by {@code interaction}.
 */
public record Interaction(
    String interaction,
    String customer,
    String scenario,
    String app,
    String channel,
    String request,
    int status,
    List<String> touchpoints) {}
