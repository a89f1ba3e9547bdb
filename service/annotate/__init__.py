"""Entity linking in running text: every mention of a store entity in an article, linked with the matcher's
statuses. The core of `aliases annotate`, `POST /v1/annotate`, the annotate page and the spaCy component; it
imports neither Flask nor click (nor spaCy, which only service.annotate.spacy_linker needs).

    >>> from service import Index, build
    >>> from service.annotate import annotate
    >>> index = Index.open(build("aliases", "aliases.db").path)
    >>> [m.id for m in annotate(index, "Bashar al-Assad fled Damascus. Assad ...").mentions]
    ['bashar-al-assad', 'damascus', 'bashar-al-assad']
"""

from service.annotate.dateline import article_date
from service.annotate.linker import MAX_TEXT_LENGTH, Annotation, Mention, annotate

__all__ = ["MAX_TEXT_LENGTH", "Annotation", "Mention", "annotate", "article_date"]
