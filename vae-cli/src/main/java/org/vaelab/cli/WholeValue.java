package org.vaelab.cli;

import com.beust.jcommander.converters.IParameterSplitter;
import java.util.List;

/** Keeps a repeatable option's value whole: JCommander would split {@code --set a=[1,2]} at the comma. */
public final class WholeValue implements IParameterSplitter {
  @Override
  public List<String> split(String value) {
    return List.of(value);
  }
}
