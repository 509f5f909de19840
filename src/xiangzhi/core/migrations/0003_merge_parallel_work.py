# Joins migrations written in parallel.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_roles_system_actor_and_ended_assignments'),
        ('core', '0002_uploads_import_slots'),
    ]

    operations = [
    ]
