package com.acme.mobile.push;

/** A push notification opened on a device. */
public record PushOpen(String notificationId, String deviceId, String customerNumber) {}
