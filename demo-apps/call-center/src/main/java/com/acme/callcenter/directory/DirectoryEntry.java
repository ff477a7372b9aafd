package com.acme.callcenter.directory;

/** One line of the customer directory: a phone number and a customer who can be reached on it. */
public record DirectoryEntry(String phone, String customerNumber, String name, String tier) {}
