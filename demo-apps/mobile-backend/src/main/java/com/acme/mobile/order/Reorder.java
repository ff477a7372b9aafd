package com.acme.mobile.order;

/** A new order placed from the app by repeating a previous one. */
public record Reorder(
    String orderId, String previousOrderId, String deviceId, String customerNumber) {}
