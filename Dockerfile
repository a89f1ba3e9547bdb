# The alias service's image: the store is linted and compiled into SQLite at build time, and the image runs
# as a non-root user. Until the HTTP API lands the entrypoint is the command line:
#   docker build -t aliases . && docker run --rm aliases resolve "Abu Mohammed al-Jawlani"
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY aliases ./aliases
RUN pip install --no-cache-dir . \
 && aliases lint --store /app/aliases \
 && aliases build --store /app/aliases -o /app/aliases.db \
 && useradd --system --uid 10001 --no-create-home aliases
ENV ALIASES_DB=/app/aliases.db ALIASES_STORE=/app/aliases
USER aliases
ENTRYPOINT ["aliases"]
CMD ["--help"]
