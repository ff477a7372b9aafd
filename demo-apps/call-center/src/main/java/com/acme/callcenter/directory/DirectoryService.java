package com.acme.callcenter.directory;

import com.acme.web.RequestContext;
import java.util.List;

/** The agent desk's lookup: who might be calling from this number. */
public class DirectoryService {

  private final Directory directory;
  private final RequestContext requests;

  public DirectoryService(Directory directory, RequestContext requests) {
    this.directory = directory;
    this.requests = requests;
  }

  /** Zero, one, or — for a household's phone — several customers. */
  public List<DirectoryEntry> lookup(String phone) {
    return directory.findByPhone(phone);
  }
}
