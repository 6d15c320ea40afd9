package dev.hyperfocus.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a domain's SQL from the classpath folder {@code db/<domain>/}: the versioned migrations
 * {@code V<n>__<what>.sql} and the named statements of {@code queries.sql}
 * ({@code -- name: <name>} before each statement).
 */
final class SqlResources {
  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__[\\w-]+\\.sql");
  private static final Pattern NAME = Pattern.compile("^--\\s*name:\\s*(\\S+)\\s*$");
  static final String SHARED = "db/shared/queries.sql";

  record Migration(int version, String name, String sql) {}

  private SqlResources() {}

  static List<Migration> migrations(ClassLoader loader, String folder) {
    List<Migration> found = new ArrayList<>();
    for (String file : list(loader, folder)) {
      Matcher m = MIGRATION.matcher(file);
      if (m.matches()) {
        found.add(new Migration(Integer.parseInt(m.group(1)), file, read(loader, folder + "/" + file)));
      }
    }
    found.sort(Comparator.comparingInt(Migration::version));
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i).version() != i + 1) {
        throw new IllegalStateException("migrations of " + folder + " must be numbered 1, 2, 3...: " + found);
      }
    }
    return found;
  }

  /**
   * The statements of {@link #SHARED} (on the tables of {@link IdempotentResponses} and
   * {@link OutboxTable}, written once for every domain that keeps them), then the domain's own.
   */
  static Map<String, String> queries(ClassLoader loader, String folder) {
    Map<String, String> named = new LinkedHashMap<>();
    parse(read(SqlResources.class.getClassLoader(), SHARED), named);
    parse(read(loader, folder + "/queries.sql"), named);
    return named;
  }

  private static void parse(String text, Map<String, String> named) {
    String current = null;
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      Matcher m = NAME.matcher(line.strip());
      if (m.matches()) {
        put(named, current, sql);
        current = m.group(1);
        sql.setLength(0);
      } else if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    put(named, current, sql);
  }

  private static void put(Map<String, String> named, String name, StringBuilder sql) {
    if (name != null) {
      String text = sql.toString().strip();
      named.put(name, text.endsWith(";") ? text.substring(0, text.length() - 1) : text);
    }
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> list(ClassLoader loader, String folder) {
    URL url = loader.getResource(folder);
    if (url == null) {
      throw new IllegalStateException("missing resource folder " + folder);
    }
    try {
      if ("jar".equals(url.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          String prefix = folder + "/";
          return jar.stream()
              .map(entry -> entry.getName())
              .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
              .map(name -> name.substring(prefix.length()))
              .filter(name -> !name.isEmpty())
              .toList();
        }
      }
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        return files.map(path -> path.getFileName().toString()).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
